import { generateCode } from '../otp/generate';
import type { PortalConnection, VaultAccount } from '../vault/records';
import { PortalApiError } from './client';
import type { PortalDeps } from './deps';
import { linkedAccount } from './local-account';

/** The code of `account` one period away from now (-1: the previous one, 0: now, 1: the next one). */
export async function codeAt(
  deps: Pick<PortalDeps, 'now'>,
  account: VaultAccount,
  periods: number,
): Promise<string> {
  return (await generateCode(account, deps.now() + periods * account.period * 1000)).code;
}

/**
 * Runs a step that needs a current code: the one the user typed, or else one from the authenticator Tessera
 * holds for this connection (now, then the next period if this one was already spent).
 */
export async function withCode<T>(
  deps: Pick<PortalDeps, 'vault' | 'now'>,
  connection: PortalConnection,
  code: string | undefined,
  step: (code: string) => Promise<T>,
): Promise<T> {
  if (code !== undefined) return step(code);
  const account = await linkedAccount(deps, connection);
  if (!account || account.archived) {
    throw new PortalApiError(
      0,
      'code_required',
      'Tessera does not hold this account’s authenticator. Enter a current code for this account.',
    );
  }
  return step(await codeAt(deps, account, 0)).catch(async (error: unknown) => {
    // This period's code was already spent (e.g. a sign-in a moment ago); the next one is accepted too.
    if (error instanceof PortalApiError && error.code === 'code_used')
      return step(await codeAt(deps, account, 1));
    throw error;
  });
}
