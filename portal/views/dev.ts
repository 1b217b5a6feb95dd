import type { OutboxMessage } from '../store/types';
import { html } from './html';

/** The dev outbox: every SMS and e-mail the default transport kept, newest first. */
export const outboxView = (messages: OutboxMessage[]) =>
  html`<p>Messages the portal "sent" (dev mode only). Newest first. <a href="/dev/api/outbox">JSON</a></p>
  ${messages.length === 0 ? html`<p>The outbox is empty.</p>` : ''}
  ${messages.map(
    (
      m,
    ) => html`<article class="message" data-channel="${m.channel}"><h3>${m.channel === 'sms' ? 'SMS' : 'E-mail'} to ${m.to}</h3>
      <small>${new Date(m.at).toISOString()}</small>${m.subject ? html`<p><strong>${m.subject}</strong></p>` : ''}<pre>${m.body}</pre></article>`,
  )}`;
