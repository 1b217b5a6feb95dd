/** HTML that is already safe (built by `html` or deliberately raw). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

type Part = SafeHtml | string | number | boolean | null | undefined | Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false || part === true) return '';
  if (Array.isArray(part)) return part.map(render).join('');
  if (part instanceof SafeHtml) return part.value;
  return escapeHtml(String(part));
}

/** Template tag that escapes every interpolated value unless it is SafeHtml (or an array of it). */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks trusted markup (e.g. an SVG we generated) as safe. */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);

export interface PageContext {
  csrf: string;
  /** Signed-in user's e-mail and role, for the header. */
  who?: { id: string; email: string; admin: boolean };
  dev: boolean;
}

/** Hidden CSRF field every form carries. */
export const csrfField = (ctx: PageContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;

/** A form posting to `action` with the CSRF field. */
export const form = (ctx: PageContext, action: string, body: SafeHtml, attrs = '') =>
  html`<form method="post" action="${action}"${raw(attrs ? ` ${attrs}` : '')}>${csrfField(ctx)}${body}</form>`;

/** The one-time-code field, marked up the way real sites do, so autofill and tests find it. */
export const codeInput = (label = 'Verification code') => html`
  <label for="code">${label}</label>
  <input id="code" name="code" type="text" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]*" maxlength="6" required autofocus>`;

/** Password field with its label. */
export const passwordInput = (label = 'Password', autocomplete = 'current-password') => html`
  <label for="password">${label}</label>
  <input id="password" name="password" type="password" autocomplete="${autocomplete}" required>`;

/** Phone field with its label (international format hinted). */
export const phoneInput = (label = 'Mobile number') => html`
  <label for="phone">${label}</label>
  <input id="phone" name="phone" type="tel" autocomplete="tel" placeholder="+33 6 12 34 56 78" required>`;

/** An error or notice box; nothing when there is no message. */
export const alertBox = (message: string | undefined, kind: 'error' | 'notice' = 'error') =>
  message ? html`<p class="${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${message}</p>` : '';

/** The page frame: header with navigation, main content. */
export function layout(ctx: PageContext, title: string, body: SafeHtml): string {
  const nav = ctx.who
    ? html`<nav><a href="/account">Account</a> <a href="/audit">Activity</a> <a href="/apps">Connected apps</a>
        ${ctx.who.admin ? html`<a href="/admin">Administration</a>` : ''} ${ctx.dev ? html`<a href="/dev/outbox">Outbox</a>` : ''}
        ${form(ctx, '/logout', html`<button type="submit" class="link">Sign out (${ctx.who.email})</button>`, 'class="inline"')}</nav>`
    : html`<nav>${ctx.dev ? html`<a href="/dev/outbox">Outbox</a>` : ''}</nav>`;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Acme account</title><link rel="stylesheet" href="/static/portal.css"><script src="/static/portal.js" defer></script></head>
<body><header><a class="brand" href="/">Acme account</a>${nav}</header>
<main><h1>${title}</h1>${body}</main></body></html>`.value;
}
