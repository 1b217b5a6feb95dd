import type { Store, User } from '../store/types';
import type { Effects } from './changes';
import { type Caller, CODE_MAX_TRIES, CODE_TTL_MS, type Deps } from './context';
import { PortalError } from './errors';
import { maskEmail, maskPhone } from './phone';
import { newId, newNumericCode, sameHash, sha256 } from './secure-random';

// The code id salts the hash so equal codes do not share a digest.
const hashCode = (id: string, code: string): string => sha256(`${id}:${code}`);

export interface Destination {
  channel: 'sms' | 'email';
  to: string;
}

/** Where a user's SMS or e-mail method sends its codes. */
export function destinationOf(user: User): Destination | undefined {
  if (user.method === 'sms' && user.phone) return { channel: 'sms', to: user.phone };
  if (user.method === 'email') return { channel: 'email', to: user.email };
  return undefined;
}

/** The masked form of a destination, e.g. "•••• 42". */
export const maskDestination = (d: Destination): string =>
  d.channel === 'sms' ? maskPhone(d.to) : maskEmail(d.to);

/**
 * Issues a 6-digit code bound to `purpose` (a code for one step is refused by any other), voiding older
 * codes for that purpose, and queues it for delivery. Rate-limited per account and per IP.
 */
export async function issueCode(
  tx: Store,
  deps: Deps,
  fx: Effects,
  caller: Caller,
  user: User,
  purpose: string,
  to: Destination,
): Promise<{ sentTo: string; expiresAt: number }> {
  deps.limiter.take(
    [
      [`account:${user.id}`, deps.limits.sendsPerAccount],
      [`ip:${caller.ip}`, deps.limits.sendsPerIp],
    ],
    'codes sent',
  );
  const now = deps.now();
  await tx.voidCodes(user.id, purpose, now);
  const id = newId();
  const code = newNumericCode();
  const expiresAt = now + CODE_TTL_MS;
  await tx.createCode({
    id,
    userId: user.id,
    purpose,
    channel: to.channel,
    destination: to.to,
    codeHash: hashCode(id, code),
    tries: 0,
    expiresAt,
    consumedAt: null,
    createdAt: now,
  });
  const text = `Your ${deps.issuer} code is ${code}. It expires in 10 minutes. Never share it with anyone.`;
  fx.send({ channel: to.channel, to: to.to, subject: `${deps.issuer} code: ${code}`, body: text });
  return { sentTo: maskDestination(to), expiresAt };
}

/** Checks and consumes the code waiting for `purpose`; wrong tries are counted even though the request fails. */
export async function consumeCode(
  tx: Store,
  deps: Deps,
  user: User,
  purpose: string,
  input: string,
): Promise<void> {
  const code = await tx.getActiveCode(user.id, purpose);
  if (!code) throw new PortalError(400, 'no_code', 'No code is waiting for this step. Ask for a new code.');
  if (deps.now() > code.expiresAt) {
    throw new PortalError(
      400,
      'code_expired',
      'That code has expired (codes last 10 minutes). Ask for a new code.',
    );
  }
  if (code.tries >= CODE_MAX_TRIES) {
    throw new PortalError(429, 'too_many_tries', 'Too many wrong codes. Ask for a new code.');
  }
  if (!sameHash(code.codeHash, hashCode(code.id, input))) {
    const tries = code.tries + 1;
    const left = CODE_MAX_TRIES - tries;
    const next =
      left > 0
        ? `Check it and try again (${left} ${left === 1 ? 'try' : 'tries'} left).`
        : 'Ask for a new code.';
    throw new PortalError(401, 'wrong_code', `That code is not right. ${next}`, {
      failure: { userId: user.id, code: { id: code.id, tries } },
    });
  }
  await tx.updateCode(code.id, { consumedAt: deps.now() });
}
