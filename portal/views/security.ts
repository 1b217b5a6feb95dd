import type { Method, StepUpPurpose } from '../../lib/portal/schemas';
import { METHOD_NAMES } from '../flows/status';
import { alertBox, codeInput, form, html, type PageContext, passwordInput, phoneInput } from './html';

/** First step of setting up a method (the password is asked when it replaces a current method). */
export const setupStartView = (ctx: PageContext, method: Method, switching: boolean, error?: string) =>
  html`${alertBox(error)}
  ${form(
    ctx,
    '/security/setup',
    html`<input type="hidden" name="method" value="${method}">
    ${method === 'sms' ? phoneInput() : ''}
    ${method === 'email' ? html`<p>We will send a code to your account e-mail address to verify it.</p>` : ''}
    ${method === 'totp' ? html`<p>You will scan a QR code with your authenticator app.</p>` : ''}
    ${switching ? html`<p>Confirm it is you to replace your current method.</p>${passwordInput()}` : ''}
    <button type="submit">Continue</button>`,
  )}`;

/** "Send a new code" for a pending setup or phone change. */
const resendButton = (ctx: PageContext, id: string) =>
  form(ctx, `/security/resend/${id}`, html`<button type="submit" class="secondary">Send a new code</button>`);

/** Authenticator setup: the QR code as an inline image, the secret as text, and the first-code field. */
export const totpSetupView = (
  ctx: PageContext,
  id: string,
  qrDataUrl: string,
  secret: string,
  error?: string,
) =>
  html`${alertBox(error)}
  <ol><li>Scan this QR code with your authenticator app.</li><li>Enter the 6-digit code it shows.</li></ol>
  <img class="qr" src="${qrDataUrl}" alt="QR code to add this account to your authenticator app" width="220" height="220">
  <p>Can't scan it? Enter this secret in the app:</p><p class="secret" id="secret">${secret.match(/.{1,4}/g)?.join(' ') ?? secret}</p>
  ${form(ctx, `/security/setup/${id}`, html`${codeInput()}<button type="submit">Verify and turn on</button>`)}`;

/** SMS / e-mail setup: the code prompt for the new destination. */
export const oobSetupView = (ctx: PageContext, id: string, method: Method, sentTo: string, error?: string) =>
  html`${alertBox(error)}
  <p>We sent a code to ${sentTo}. Enter it to confirm the ${METHOD_NAMES[method]}.</p>
  ${form(ctx, `/security/setup/${id}`, html`${codeInput()}<button type="submit">Verify</button>`)}
  ${resendButton(ctx, id)}`;

/** The new recovery key, shown once, with a text-file download. */
export const recoveryKeyView = (key: string, intro: string) =>
  html`<p class="notice">${intro}</p>
  <p>Store this recovery key somewhere safe. It replaces a code once if you lose your device. It is shown only now.</p>
  <p class="key" id="recovery-key">${key}</p>
  <label for="recovery-copy">Select and copy</label><input id="recovery-copy" type="text" readonly value="${key}">
  <button type="button" class="secondary" data-copy="recovery-copy">Copy</button>
  <p><a download="acme-recovery-key.txt" href="${`data:text/plain;charset=utf-8,${encodeURIComponent(`Acme account recovery key\n${key}\n`)}`}">Download as a text file</a></p>
  <p><a href="/account">I have saved it — continue</a></p>`;

/** "Send me a code" button for SMS/e-mail users on step-up forms. */
const sendCodeButton = (ctx: PageContext, purpose: StepUpPurpose, back: string, method: Method | null) =>
  method === 'sms' || method === 'email'
    ? form(
        ctx,
        '/security/step-up/send',
        html`<input type="hidden" name="purpose" value="${purpose}"><input type="hidden" name="back" value="${back}">
        <button type="submit" class="secondary">Send me a code</button>`,
      )
    : '';

/** Turning 2FA off: password and a current code. */
export const disableView = (ctx: PageContext, method: Method | null, error?: string, notice?: string) =>
  html`${alertBox(error)}${alertBox(notice, 'notice')}
  <p>Turning off two-factor authentication makes your account easier to take over. Confirm with your password and a current code.</p>
  ${sendCodeButton(ctx, 'disable', '/security/disable', method)}
  ${form(ctx, '/security/disable', html`${passwordInput()}${codeInput('Current code')}<button type="submit" class="danger">Turn off</button>`)}`;

/** Renewing the recovery key: a current code. */
export const renewView = (ctx: PageContext, method: Method | null, error?: string, notice?: string) =>
  html`${alertBox(error)}${alertBox(notice, 'notice')}
  <p>A new recovery key replaces the old one, which stops working. Confirm with a current code.</p>
  ${sendCodeButton(ctx, 'recovery-renew', '/security/recovery', method)}
  ${form(ctx, '/security/recovery', html`${codeInput('Current code')}<button type="submit">Create new recovery key</button>`)}`;

/** Phone change, first step: new number and password. */
export const phoneStartView = (ctx: PageContext, current: string, error?: string) =>
  html`${alertBox(error)}
  <p>Your codes go to ${current}. We will send a code to this number first, then to the new one.</p>
  ${form(ctx, '/security/phone', html`${phoneInput('New mobile number')}${passwordInput()}<button type="submit">Continue</button>`)}
  ${form(ctx, '/security/phone/lost', html`<button type="submit" class="secondary">I no longer have this phone</button>`)}`;

/** Phone change: code prompt for the old or the new number. */
export const phoneCodeView = (
  ctx: PageContext,
  id: string,
  which: 'old' | 'new',
  sentTo: string,
  error?: string,
) =>
  html`${alertBox(error)}
  <p>We sent a code to ${sentTo} (${which === 'old' ? 'your current number' : 'the new number'}).</p>
  ${form(ctx, `/security/phone/${id}`, html`${codeInput()}<button type="submit">Verify</button>`)}
  ${resendButton(ctx, id)}`;
