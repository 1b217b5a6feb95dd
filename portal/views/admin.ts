import type { AdminUserView } from '../flows/admin';
import { METHOD_NAMES } from '../flows/status';
import type { ApiToken, Org } from '../store/types';
import { alertBox, form, html, type PageContext } from './html';

/** Organisation users (no secrets), per-user actions and the org policy. */
export const adminView = (
  ctx: PageContext,
  org: Org,
  users: AdminUserView[],
  error?: string,
  notice?: string,
) =>
  html`${alertBox(error)}${alertBox(notice, 'notice')}
  <h2>${org.name}: users</h2>
  <table><thead><tr><th>User</th><th>2FA</th><th>Actions</th></tr></thead><tbody>
  ${users.map(
    (u) => html`<tr><td>${u.name}<br><small>${u.email}${u.role === 'admin' ? ' · admin' : ''}</small></td>
      <td>${u.method ? METHOD_NAMES[u.method] : 'off'}${u.phone ? html` (${u.phone})` : ''}</td>
      <td>${
        u.method === 'sms'
          ? form(
              ctx,
              `/admin/users/${u.id}/phone`,
              html`<label for="phone-${u.id}">New 2FA phone</label>
              <input id="phone-${u.id}" name="phone" type="tel" required><button type="submit" class="secondary">Change phone</button>`,
            )
          : ''
      }${u.method ? form(ctx, `/admin/users/${u.id}/disable`, html`<button type="submit" class="danger">Turn off 2FA</button>`) : ''}</td></tr>`,
  )}
  </tbody></table>
  <h2>Policy</h2>
  ${form(
    ctx,
    '/admin/policy',
    html`<label><input type="checkbox" name="requireTwoFactor" value="on"${org.requireTwoFactor ? html` checked` : ''}> Require 2FA for everyone</label>
    <label for="challengePolicy">Ask for the code</label>
    <select id="challengePolicy" name="challengePolicy">
      <option value="risk"${org.challengePolicy === 'risk' ? html` selected` : ''}>Only on new devices or networks (risk-based)</option>
      <option value="always"${org.challengePolicy === 'always' ? html` selected` : ''}>At every sign-in</option>
    </select><button type="submit">Save policy</button>`,
  )}`;

/** Device-code approval (RFC 8628 verification page), code prefilled from the link. */
export const deviceView = (ctx: PageContext, userCode: string, clientId?: string, error?: string) =>
  html`${alertBox(error)}
  <p>${clientId ? html`<strong>${clientId}</strong> asks to manage your two-factor settings.` : 'Enter the code Tessera shows.'} Check that the code matches.</p>
  ${form(
    ctx,
    '/device',
    html`<label for="user_code">Code</label>
    <input id="user_code" name="user_code" type="text" autocomplete="off" value="${userCode}" required>
    <button type="submit" name="decision" value="approve">Allow</button>
    <button type="submit" name="decision" value="deny" class="secondary">Deny</button>`,
  )}`;

/** Connected apps (paired extensions), each revocable. */
export const appsView = (ctx: PageContext, tokens: ApiToken[], now: number, notice?: string) =>
  html`${alertBox(notice, 'notice')}${
    tokens.length === 0
      ? html`<p>No app is connected.</p>`
      : html`<table><thead><tr><th>App</th><th>Connected</th><th>State</th><th></th></tr></thead><tbody>
        ${tokens.map((t) => {
          const state = t.revokedAt
            ? 'revoked'
            : now > t.expiresAt
              ? 'expired'
              : `active until ${new Date(t.expiresAt).toISOString().slice(0, 10)}`;
          return html`<tr><td>${t.clientId}</td><td>${new Date(t.createdAt).toISOString().slice(0, 10)}</td><td>${state}</td>
            <td>${state.startsWith('active') ? form(ctx, `/apps/${t.id}/revoke`, html`<button type="submit" class="danger">Revoke</button>`) : ''}</td></tr>`;
        })}</tbody></table>`
  }`;
