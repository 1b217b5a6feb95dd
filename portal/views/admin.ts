import type { AdminUserView } from '../flows/admin';
import { clientName } from '../flows/clients';
import { METHOD_NAMES } from '../flows/status';
import type { ApiToken, DeviceGrant, Org } from '../store/types';
import { alertBox, form, html, type PageContext, passwordInput } from './html';

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
        u.id === ctx.who?.id
          ? html`<small>Your own settings: <a href="/account">your account page</a></small>`
          : u.method === 'sms'
            ? form(
                ctx,
                `/admin/users/${u.id}/phone`,
                html`<label for="phone-${u.id}">New 2FA phone</label>
              <input id="phone-${u.id}" name="phone" type="tel" required><button type="submit" class="secondary">Change phone</button>`,
              )
            : ''
      }${u.method && u.id !== ctx.who?.id ? form(ctx, `/admin/users/${u.id}/disable`, html`<button type="submit" class="danger">Turn off 2FA</button>`) : ''}</td></tr>`,
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

/**
 * RFC 8628 verification page, step 1: the user types the code their app shows. Never prefilled from a link: a
 * phisher who started the pairing could otherwise send a ready-made approval.
 */
export const deviceView = (ctx: PageContext, error?: string) =>
  html`${alertBox(error)}
  <p>Enter the code that Tessera shows you now. If you did not just press “Connect this account” in Tessera
  yourself, stop here: someone may be trying to take over your account.</p>
  ${form(
    ctx,
    '/device',
    html`<label for="user_code">Code shown in Tessera</label>
    <input id="user_code" name="user_code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="XXXX-XXXX" required autofocus>
    <button type="submit">Continue</button>`,
  )}`;

const minutesAgo = (from: number, now: number) => {
  const minutes = Math.max(0, Math.round((now - from) / 60_000));
  return minutes === 0 ? 'less than a minute ago' : `${minutes} min ago`;
};

/** Step 2: who asks, from where and when; allowing takes the password. */
export const deviceReviewView = (
  ctx: PageContext,
  grant: DeviceGrant,
  viewer: { ip: string; now: number },
  error?: string,
) =>
  html`${alertBox(error)}
  <p><strong>${clientName(grant.clientId)}</strong> asks to manage your two-factor settings: turn them on or off,
  change your method or phone number, and create recovery keys.</p>
  <dl class="request">
    <dt>Code</dt><dd><code>${grant.userCode}</code></dd>
    <dt>Asked from</dt><dd>${grant.requestIp || 'unknown address'} ${
      grant.requestIp === viewer.ip
        ? html`(the address you are using now)`
        : html`<strong>(not the address you are using now, ${viewer.ip})</strong>`
    }</dd>
    <dt>Browser</dt><dd>${grant.requestAgent || 'not given'}</dd>
    <dt>When</dt><dd>${new Date(grant.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC (${minutesAgo(grant.createdAt, viewer.now)})</dd>
  </dl>
  <p>Allow only if you started this in Tessera yourself a moment ago, on this computer.</p>
  ${form(
    ctx,
    '/device/decision',
    html`<input type="hidden" name="user_code" value="${grant.userCode}">
    ${passwordInput('Your password, to confirm it is you')}
    <button type="submit" name="decision" value="approve">Allow</button>
    <button type="submit" name="decision" value="deny" class="secondary" formnovalidate>Deny</button>`,
  )}`;

/** Connected apps (paired extensions), each revocable. */
export const appsView = (ctx: PageContext, tokens: ApiToken[], now: number, notice?: string) =>
  html`${alertBox(notice, 'notice')}${
    tokens.length === 0
      ? // Just after "Tessera is connected", the app has not fetched its token yet: saying "none" would contradict it.
        notice
        ? ''
        : html`<p>No app is connected.</p>`
      : html`<table><thead><tr><th>App</th><th>Connected</th><th>State</th><th></th></tr></thead><tbody>
        ${tokens.map((t) => {
          const state = t.revokedAt
            ? 'revoked'
            : now > t.expiresAt
              ? 'expired'
              : `active until ${new Date(t.expiresAt).toISOString().slice(0, 10)}`;
          return html`<tr><td>${clientName(t.clientId)}</td><td>${new Date(t.createdAt).toISOString().slice(0, 10)}</td><td>${state}</td>
            <td>${state.startsWith('active') ? form(ctx, `/apps/${t.id}/revoke`, html`<button type="submit" class="danger">Revoke</button>`) : ''}</td></tr>`;
        })}</tbody></table>`
  }`;
