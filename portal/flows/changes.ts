import type { Store, User } from '../store/types';
import type { Deps } from './context';
import { PortalError } from './errors';
import { newId } from './secure-random';
import type { Message } from './transport';

/** Side effects a change collects inside its transaction; messages go out only after it commits. */
export interface Effects {
  /** Writes an audit entry for `user` and e-mails its address about the change. */
  record(user: User, type: string, summary: string, actorId?: string): Promise<void>;
  /** Queues a message; a critical one (a code) that cannot be delivered fails the request. */
  send(message: Message, critical?: boolean): void;
}

const SUSPICIOUS_FAILURES = 5;

interface Outgoing {
  message: Message;
  critical: boolean;
}

/** Appends the audit entry and returns the notification e-mail for it. */
async function audit(
  tx: Store,
  deps: Deps,
  ip: string | null,
  user: User,
  type: string,
  summary: string,
  actorId?: string,
): Promise<Outgoing> {
  const at = deps.now();
  await tx.appendAudit({
    id: newId(),
    userId: user.id,
    orgId: user.orgId,
    actorId: actorId ?? user.id,
    type,
    summary,
    ip,
    at,
  });
  const body = `${summary}\n\nWhen: ${new Date(at).toISOString()}\nIf this was not you, sign in, change your password and contact your administrator.`;
  return {
    message: {
      channel: 'email',
      to: user.email,
      subject: `${deps.issuer}: security change on your account`,
      body,
    },
    critical: false,
  };
}

/**
 * After a refused code, password or recovery key (already counted by `guarded`): logs a replayed TOTP
 * code and, once per streak, the 5th failure in a row, and e-mails the account about them.
 */
export async function noteRefusal(
  deps: Deps,
  ip: string | null,
  userId: string,
  failures: number,
  replay: boolean,
): Promise<void> {
  // Told once per streak (ASVS V6.3.5): someone may know the password and be guessing the second factor.
  const suspicious = failures === SUSPICIOUS_FAILURES;
  if (!replay && !suspicious) return;
  await runChange(deps, ip, async (tx, fx) => {
    const user = await tx.getUser(userId);
    if (!user) return;
    if (replay)
      await fx.record(
        user,
        'totp.replay',
        'Someone entered an authenticator code that had already been used.',
      );
    if (suspicious) {
      const summary = `${failures} wrong codes or passwords in a row were entered for your account.`;
      await fx.record(user, 'login.suspicious', summary);
    }
  });
}

async function deliverAll(deps: Deps, queue: Outgoing[]): Promise<void> {
  let failed = false;
  for (const { message, critical } of queue) {
    try {
      await deps.transport.deliver(message);
    } catch (error) {
      deps.log.warn({ err: error, channel: message.channel }, 'message delivery failed');
      failed ||= critical;
    }
  }
  if (failed)
    throw new PortalError(
      502,
      'delivery_failed',
      'We could not send the code. Wait a minute and ask for a new code.',
    );
}

/**
 * Runs a change atomically: `fn` reads and writes through `tx`; audit entries are part of the change,
 * and the messages it queued are sent only once it has committed. Passwords and codes are checked
 * before (see `guarded`), never inside: `fn` may run again when PostgreSQL reports a conflict.
 */
export async function runChange<T>(
  deps: Deps,
  ip: string | null,
  fn: (tx: Store, fx: Effects) => Promise<T>,
): Promise<T> {
  let queue: Outgoing[] = [];
  const result = await deps.store.transaction((tx) => {
    queue = [];
    return fn(tx, {
      record: async (user, type, summary, actorId) =>
        void queue.push(await audit(tx, deps, ip, user, type, summary, actorId)),
      send: (message, critical = true) => void queue.push({ message, critical }),
    });
  });
  await deliverAll(deps, queue);
  return result;
}
