import type { Replies } from '../messages';
import { parseOtpauth } from '../otp/parse-otpauth';
import { normalizeRules } from '../site/match';
import { PortalApiError } from './client';
import { codeAt } from './codes';
import { withApi } from './connection';
import type { PortalDeps } from './deps';
import { linkedAccount } from './local-account';
import { replaceRecoveryKey } from './recovery-keys';
import { withRetries } from './transport';
import { statusView } from './views';

/**
 * Enrolls Tessera as the authenticator app: the portal's secret goes straight into the vault, bound to the
 * portal's site, and is confirmed with a code Tessera computes. Turning 2FA on returns a recovery key; a switch
 * from SMS or e-mail does not, so Tessera asks for a new one with the next code and stores it.
 */
export function moveToTessera(
  deps: PortalDeps,
  connectionId: string,
  password: string,
): Promise<Replies['portal/move']> {
  return withApi(deps, connectionId, async (api, connection) => {
    const { status } = await withRetries(deps.sleep, () => api.status());
    const switching = status.twoFactorEnabled;
    const enrollment = switching
      ? await api.switchMethod('totp', password)
      : await api.enrollTotp(password).then((e) => ({ ...e, method: 'totp' as const }));
    if (!enrollment.otpauthUri) {
      throw new PortalApiError(0, 'unexpected_response', 'The portal sent no authenticator secret.');
    }
    const previous = await linkedAccount(deps, connection);
    const account = await deps.vault.addAccount({
      ...parseOtpauth(enrollment.otpauthUri),
      sites: normalizeRules([{ host: connection.site, exact: false }]),
    });
    await deps.vault.updateConnection(connection.id, { accountId: account.id });
    const linked = { ...connection, accountId: account.id };
    let recoveryKey: string | undefined;
    try {
      // The previous period's code (accepted within ±1 step) leaves the current one free for the next sign-in.
      const code = await codeAt(deps, account, -1);
      if (switching) await api.confirmSwitch(enrollment.enrollmentId, code);
      else recoveryKey = (await api.confirmTotp(enrollment.enrollmentId, code)).recoveryKey;
    } catch (error) {
      // Only a clear refusal proves the portal does not use this secret; after a lost answer it may, so keep it.
      if (error instanceof PortalApiError) {
        await deps.vault.deleteAccount(account.id);
        await deps.vault.updateConnection(connection.id, { accountId: previous?.id ?? null });
      }
      throw error;
    }
    // A replaced authenticator no longer works on the portal: archived, never deleted.
    if (previous && !previous.archived) await deps.vault.updateAccount(previous.id, { archived: true });
    if (recoveryKey === undefined) {
      recoveryKey = await api
        .renewRecoveryKey(await codeAt(deps, account, 0))
        .then((r) => r.recoveryKey)
        .catch(() => undefined);
    }
    if (recoveryKey !== undefined) await replaceRecoveryKey(deps, linked, recoveryKey);
    const fresh = await api.status().catch(() => ({ status: { ...status, method: 'totp' as const } }));
    return { status: statusView(fresh.status), recoveryKeySaved: recoveryKey !== undefined };
  });
}
