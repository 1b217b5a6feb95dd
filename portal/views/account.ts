import type { Status } from '../../lib/portal/schemas';
import { METHOD_NAMES } from '../flows/status';
import type { AuditEntry } from '../store/types';
import { alertBox, html } from './html';

/** Account overview of the signed-in user (own e-mail unmasked): 2FA state, banner when off, links to every change. */
export function accountView(email: string, status: Status, notice?: string) {
  const banner = status.twoFactorEnabled
    ? ''
    : html`<p class="banner">Protect your account: turn on two-factor authentication. <a href="/setup">Set it up now</a></p>`;
  const methods = status.method
    ? html`<p>Two-factor authentication is <strong>on</strong>, with the <strong>${METHOD_NAMES[status.method]}</strong>${
        status.phone ? html` (${status.phone})` : ''
      }.</p>
      <p>Recovery key: ${status.recoveryKeyPresent ? 'present' : html`<strong>none</strong> — create one`}.</p>
      <ul>
        <li><a href="/setup">Switch method</a></li>
        ${status.method === 'sms' ? html`<li><a href="/security/phone">Change phone number</a></li>` : ''}
        <li><a href="/security/recovery">Create new recovery key</a></li>
        <li><a href="/security/disable">Turn off two-factor authentication</a></li>
      </ul>`
    : html`<p>Two-factor authentication is <strong>off</strong>.</p>`;
  return html`${alertBox(notice, 'notice')}${banner}
    <p>Signed in as ${email}${status.emailVerified ? '' : ' (e-mail not verified)'} — ${status.organisation.name}.</p>
    <h2>Two-factor authentication</h2>${methods}`;
}

/** Method chooser; shown right after login when the organisation requires 2FA. */
export const setupChooserView = (required: boolean, switching: boolean) =>
  html`${required && !switching ? html`<p class="banner">Your organisation requires two-factor authentication. Set it up to continue.</p>` : ''}
  <p>${switching ? 'Pick the new method. Your current method keeps working until the new one is verified.' : 'Pick how you want to receive your codes.'}</p>
  <ul>
    <li><a href="/security/setup?method=totp">Authenticator app</a> (recommended)</li>
    <li><a href="/security/setup?method=sms">SMS to a mobile phone</a> (less safe: numbers can be hijacked)</li>
    <li><a href="/security/setup?method=email">E-mail</a></li>
  </ul>`;

const actorLabel = (entry: AuditEntry) =>
  entry.actorId === entry.userId ? 'you' : entry.actorId ? 'an administrator' : 'system';

/** The audit log of the account. */
export const auditView = (entries: AuditEntry[]) =>
  entries.length === 0
    ? html`<p>No security changes yet.</p>`
    : html`<table><thead><tr><th>When (UTC)</th><th>What</th><th>By</th></tr></thead><tbody>
      ${entries.map((e) => html`<tr><td>${new Date(e.at).toISOString().replace('T', ' ').slice(0, 19)}</td><td>${e.summary}</td><td>${actorLabel(e)}</td></tr>`)}
      </tbody></table>`;
