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
 * Without DEV nothing may keep a code in clear, and without a gateway nothing can deliver it: every send fails
 * (the user is told to try again later, the log says which channel lacks a gateway, never the message).
 */
export function noGatewayTransport(): Transport {
  return {
    async deliver(message) {
      throw new Error(
        `No ${message.channel === 'sms' ? 'SMS gateway' : 'SMTP server (SMTP_URL)'} is configured and DEV is off, so the message was dropped.`,
      );
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
