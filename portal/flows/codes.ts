import type { Limit, OobCode, Store, User } from '../store/types';
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

/** The limit keys of a send: per purpose, so login codes cannot be starved by step-up or setup sends. */
function sendKeys(deps: Deps, caller: Caller, user: User, purpose: string): [string, Limit][] {
  const kind = purpose.split(':')[0];
  const ip: [string, Limit] = [`send:ip:${caller.ip}`, deps.limits.sendsPerIp];
  // Login codes are also limited per IP, so someone who knows the password elsewhere cannot block them.
  if (kind === 'login')
    return [
      [`send:login:account:${user.id}:ip:${caller.ip}`, deps.limits.sendsPerAccount],
      [`send:login:account:${user.id}`, deps.limits.loginSendsPerAccount],
      ip,
    ];
  return [[`send:${kind}:account:${user.id}`, deps.limits.sendsPerAccount], ip];
}

/**
 * Issues a 6-digit code bound to `purpose` (a code for one step is refused by any other), voiding older
 * codes for that purpose, and queues it for delivery. Rate-limited per account and purpose, and per IP.
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
  await deps.limiter.take(sendKeys(deps, caller, user, purpose), 'codes sent', tx);
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

/** The live code waiting for `purpose`, or a refusal saying to ask for a new one (not counted as a try). */
export async function activeCode(deps: Deps, user: User, purpose: string): Promise<OobCode> {
  const code = await deps.store.getActiveCode(user.id, purpose);
  if (!code) throw new PortalError(400, 'no_code', 'No code is waiting for this step. Ask for a new code.');
  if (deps.now() > code.expiresAt) {
    throw new PortalError(
      400,
      'code_expired',
      'That code has expired (codes last 10 minutes). Ask for a new code.',
    );
  }
  return code;
}

const tooManyTries = () =>
  new PortalError(429, 'too_many_tries', 'Too many wrong codes. Ask for a new code.');

/**
 * Checks a code and uses it up. The try is counted in the database before the comparison, in one
 * conditional statement, so concurrent guesses get at most CODE_MAX_TRIES comparisons between them;
 * returns the refusal for a wrong code (undefined when right).
 */
export async function tryCode(deps: Deps, code: OobCode, input: string): Promise<PortalError | undefined> {
  const tries = await deps.store.takeCodeTry(code.id, CODE_MAX_TRIES);
  if (tries === undefined) return tooManyTries();
  if (!sameHash(code.codeHash, hashCode(code.id, input))) {
    const left = CODE_MAX_TRIES - tries;
    const next =
      left > 0
        ? `Check it and try again (${left} ${left === 1 ? 'try' : 'tries'} left).`
        : 'Ask for a new code.';
    return new PortalError(401, 'wrong_code', `That code is not right. ${next}`);
  }
  // Two requests with the right code: only the first one uses it.
  if (!(await deps.store.consumeCode(code.id, deps.now())))
    return new PortalError(400, 'no_code', 'That code was just used. Ask for a new code.');
  return undefined;
}
