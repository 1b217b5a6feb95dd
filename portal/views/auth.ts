import { alertBox, codeInput, form, html, type PageContext, passwordInput } from './html';

/** E-mail and password form. */
export const loginView = (ctx: PageContext, action: string, error?: string, email = '', notice?: string) =>
  html`${alertBox(error)}${alertBox(notice, 'notice')}
  ${form(
    ctx,
    action,
    html`<label for="email">E-mail</label>
    <input id="email" name="email" type="email" autocomplete="username" value="${email}" required autofocus>
    ${passwordInput()}
    <button type="submit">Sign in</button>`,
  )}`;

/** The second-factor prompt: TOTP, or a code sent by SMS / e-mail to a masked destination. */
export const codePromptView = (
  ctx: PageContext,
  action: string,
  method: 'totp' | 'sms' | 'email',
  sentTo: string | undefined,
  error?: string,
) =>
  html`${alertBox(error)}
  <p>${method === 'totp' ? 'Enter the 6-digit code from your authenticator app.' : html`We sent a code to ${sentTo ?? 'your phone'}.`}</p>
  ${form(ctx, action, html`${codeInput()}<button type="submit">Verify</button>`)}
  ${method === 'totp' ? '' : form(ctx, '/login/code/resend', html`<button type="submit" class="secondary">Send a new code</button>`)}
  <p><a href="/login/recovery">Use a recovery code instead</a></p>`;

/** Recovery-key prompt (the key works once). */
export const recoveryPromptView = (ctx: PageContext, error?: string) =>
  html`${alertBox(error)}
  ${form(
    ctx,
    '/login/recovery',
    html`<label for="recovery">Enter one of your recovery codes</label>
    <input id="recovery" name="recovery" type="text" autocomplete="off" spellcheck="false" required autofocus>
    <button type="submit">Sign in</button>`,
  )}
  <p><a href="/login/code">Back to the code</a></p>`;

/** Plain message page (errors outside forms). */
export const messageView = (message: string, link = '/') =>
  html`${alertBox(message)}<p><a href="${link}">Continue</a></p>`;
