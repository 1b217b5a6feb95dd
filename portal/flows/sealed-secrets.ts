import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PendingChange, Store, User } from '../store/types';

/** One AES-256 key and the id stored with every value sealed under it. */
export interface SecretKey {
  id: string;
  key: Buffer;
}

/** The key new values are sealed with, and older ones still accepted for opening (key rotation). */
export interface SecretKeys {
  current: SecretKey;
  previous: SecretKey[];
}

const PREFIX = 'sealed:v1';
const KEY_FILE = 'secret.key';

/** Reads a base64 key of exactly 32 bytes; `source` names where it came from in the error. */
export function parseKey(base64: string, source: string): SecretKey {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== 32)
    throw new Error(
      `${source} must be 32 random bytes in base64 (e.g. \`openssl rand -base64 32\`); it decodes to ${key.length} bytes.`,
    );
  // The id names the key without revealing it, so a value says which key opens it.
  return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key };
}

/** A fresh random key set (tests, and throw-away in-memory portals). */
export const randomSecretKeys = (): SecretKeys => ({
  current: parseKey(randomBytes(32).toString('base64'), 'random key'),
  previous: [],
});

/**
 * Keys from the environment: PORTAL_SECRET_KEY (base64) or PORTAL_SECRET_KEY_FILE (a file holding it), plus
 * PORTAL_SECRET_KEYS_OLD (comma-separated base64) while values sealed under retired keys are re-sealed.
 * Undefined when neither is set.
 */
export function secretKeysFromEnv(env: NodeJS.ProcessEnv): SecretKeys | undefined {
  const text =
    env.PORTAL_SECRET_KEY ?? (env.PORTAL_SECRET_KEY_FILE && readFileSync(env.PORTAL_SECRET_KEY_FILE, 'utf8'));
  if (!text) return undefined;
  const source = env.PORTAL_SECRET_KEY ? 'PORTAL_SECRET_KEY' : `The key file ${env.PORTAL_SECRET_KEY_FILE}`;
  const previous = (env.PORTAL_SECRET_KEYS_OLD ?? '')
    .split(',')
    .filter((k) => k.trim())
    .map((k) => parseKey(k, 'PORTAL_SECRET_KEYS_OLD'));
  return { current: parseKey(text, source), previous };
}

/**
 * The demo's key: a file created once beside the database. Anyone who copies the data folder gets the key with
 * it, so `warn` says so; production gives the key by environment instead.
 */
export function keyFileInDataDir(dataDir: string, warn: (message: string) => void): SecretKeys {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, KEY_FILE);
  if (!existsSync(path)) writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  warn(
    `No PORTAL_SECRET_KEY: TOTP secrets are sealed with ${path}, which sits next to the database. Fine for a demo; in production set PORTAL_SECRET_KEY or PORTAL_SECRET_KEY_FILE (see portal/README.md).`,
  );
  return { current: parseKey(readFileSync(path, 'utf8'), `The key file ${path}`), previous: [] };
}

// The user id is authenticated with the ciphertext: a sealed secret copied onto another account does not open.
const aadOf = (userId: string) => Buffer.from(`tessera-portal:totp-secret:${userId}`);

/** AES-256-GCM: `sealed:v1:<key id>:<iv>:<ciphertext+tag>`, each part base64url. */
export function sealSecret(keys: SecretKeys, plain: string, userId: string): string {
  if (plain.startsWith(`${PREFIX}:`)) return plain;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.current.key, iv);
  cipher.setAAD(aadOf(userId));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [PREFIX, keys.current.id, iv.toString('base64url'), body.toString('base64url')].join(':');
}

/**
 * Opens a stored value. `stale` is true for a value still in clear (from before sealing) or sealed under a
 * previous key: the caller writes it back sealed under the current key.
 */
export function openSecret(
  keys: SecretKeys,
  stored: string,
  userId: string,
): { plain: string; stale: boolean } {
  if (!stored.startsWith(`${PREFIX}:`)) return { plain: stored, stale: true };
  const [, , keyId, iv, body] = stored.split(':');
  const key = [keys.current, ...keys.previous].find((k) => k.id === keyId);
  if (!key || !iv || !body)
    throw new Error(
      `A TOTP secret is sealed under key ${keyId}, which this portal does not have. Add it to PORTAL_SECRET_KEYS_OLD.`,
    );
  const data = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(aadOf(userId));
  decipher.setAuthTag(data.subarray(data.length - 16));
  const plain = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
  return { plain: plain.toString('utf8'), stale: key !== keys.current };
}

/**
 * The store as the flows see it: TOTP secrets and pending secrets are sealed before they are written and
 * opened when read, so the flows handle them in clear and the database never does. A value found in clear
 * or under a retired key is re-sealed as soon as it is read.
 */
export function sealingStore(store: Store, keys: SecretKeys): Store {
  const openUser = async (user: User | undefined): Promise<User | undefined> => {
    if (!user?.totpSecret) return user;
    const { plain, stale } = openSecret(keys, user.totpSecret, user.id);
    if (stale) await store.updateUser(user.id, { totpSecret: sealSecret(keys, plain, user.id) });
    return { ...user, totpSecret: plain };
  };
  const openPending = (change: PendingChange | undefined): PendingChange | undefined =>
    change?.secret ? { ...change, secret: openSecret(keys, change.secret, change.userId).plain } : change;
  const sealed: Partial<Store> = {
    transaction: (fn) => store.transaction((tx) => fn(sealingStore(tx, keys))),
    createUser: (user) =>
      store.createUser(
        user.totpSecret ? { ...user, totpSecret: sealSecret(keys, user.totpSecret, user.id) } : user,
      ),
    updateUser: (id, patch) =>
      store.updateUser(
        id,
        patch.totpSecret ? { ...patch, totpSecret: sealSecret(keys, patch.totpSecret, id) } : patch,
      ),
    getUser: async (id) => openUser(await store.getUser(id)),
    getUserByEmail: async (email) => openUser(await store.getUserByEmail(email)),
    listUsersByOrg: async (orgId) =>
      Promise.all((await store.listUsersByOrg(orgId)).map(async (u) => (await openUser(u)) as User)),
    createPending: (change) =>
      store.createPending(
        change.secret ? { ...change, secret: sealSecret(keys, change.secret, change.userId) } : change,
      ),
    getPending: async (id) => openPending(await store.getPending(id)),
  };
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in sealed) return sealed[prop as keyof Store];
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
