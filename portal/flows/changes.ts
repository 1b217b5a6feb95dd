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

/** After a refused code or password, counts the failure (and logs a replay) outside the rolled-back transaction. */
async function recordRefusal(deps: Deps, ip: string | null, error: PortalError): Promise<Outgoing[]> {
  const failure = error.options.failure;
  if (!failure) return [];
  return deps.store.transaction(async (tx) => {
    const failures = await tx.recordFailure(failure.userId, deps.now());
    if (failure.code) await tx.updateCode(failure.code.id, { tries: failure.code.tries });
    const user = await tx.getUser(failure.userId);
    if (!user) return [];
    const notices: Outgoing[] = [];
    if (failure.replay) {
      notices.push(
        await audit(
          tx,
          deps,
          ip,
          user,
          'totp.replay',
          'Someone entered an authenticator code that had already been used.',
        ),
      );
    }
    // Told once per streak (ASVS V6.3.5): someone may know the password and be guessing the second factor.
    if (failures === SUSPICIOUS_FAILURES) {
      const summary = `${failures} wrong codes or passwords in a row were entered for your account.`;
      notices.push(await audit(tx, deps, ip, user, 'login.suspicious', summary));
    }
    return notices;
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
 * and the messages it queued are sent only once it has committed. A refused code or password rolls the
 * change back, then the failure itself is counted.
 */
export async function runChange<T>(
  deps: Deps,
  ip: string | null,
  fn: (tx: Store, fx: Effects) => Promise<T>,
): Promise<T> {
  const queue: Outgoing[] = [];
  let result: T;
  try {
    result = await deps.store.transaction((tx) =>
      fn(tx, {
        record: async (user, type, summary, actorId) =>
          void queue.push(await audit(tx, deps, ip, user, type, summary, actorId)),
        send: (message, critical = true) => void queue.push({ message, critical }),
      }),
    );
  } catch (error) {
    if (error instanceof PortalError) await deliverAll(deps, await recordRefusal(deps, ip, error));
    throw error;
  }
  await deliverAll(deps, queue);
  return result;
}
