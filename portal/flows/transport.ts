import type { Transporter } from 'nodemailer';
import type { Store } from '../store/types';
import { newId } from './secure-random';

/** A message to deliver: an SMS (to = E.164 number) or an e-mail (to = address). */
export interface Message {
  channel: 'sms' | 'email';
  to: string;
  subject: string;
  body: string;
}

/** Delivers SMS and e-mail; the flows do not know how. */
export interface Transport {
  deliver(message: Message): Promise<void>;
}

/** Default transport: keeps every message in the outbox table, read on /dev/outbox and the dev API. */
export function outboxTransport(store: Store, now: () => number): Transport {
  return {
    async deliver(message) {
      await store.addOutbox({ id: newId(), ...message, at: now() });
    },
  };
}

/**
 * Sends e-mail through a nodemailer transporter (SMTP when configured); SMS still goes to `fallback`
 * since there is no SMS gateway.
 */
export function mailTransport(mailer: Transporter, from: string, fallback: Transport): Transport {
  return {
    async deliver(message) {
      if (message.channel !== 'email') return fallback.deliver(message);
      await mailer.sendMail({ from, to: message.to, subject: message.subject, text: message.body });
    },
  };
}
