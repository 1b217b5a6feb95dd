import type { Replies } from '../messages';
import { withCode } from './codes';
import { withApi } from './connection';
import type { PortalDeps } from './deps';
import { archiveLinked } from './local-account';
import type { StepUpPurpose } from './schemas';
import { statusView } from './views';

/**
 * Leaving the authenticator: a switch to SMS or e-mail, or 2FA turned off. Each needs the site password
 * (step-up), and the secret Tessera holds is archived only once the portal confirmed the change.
 */

export function startSwitch(
  deps: PortalDeps,
  connectionId: string,
  method: 'sms' | 'email',
  password: string,
  phone?: string,
): Promise<Replies['portal/switch/start']> {
  return withApi(deps, connectionId, async (api) => {
    const started = await api.switchMethod(method, password, phone);
    return { changeId: started.enrollmentId, sentTo: started.sentTo ?? '' };
  });
}

export function confirmSwitch(
  deps: PortalDeps,
  connectionId: string,
  changeId: string,
  code: string,
): Promise<Replies['portal/switch/confirm']> {
  return withApi(deps, connectionId, async (api, connection) => {
    const { status } = await api.confirmSwitch(changeId, code);
    return { status: statusView(status), archived: await archiveLinked(deps, connection) };
  });
}

/** Asks the portal to send a step-up code by SMS or e-mail, valid only for `purpose`. */
export function sendStepUpCode(
  deps: PortalDeps,
  connectionId: string,
  purpose: StepUpPurpose,
): Promise<Replies['portal/step-up/send']> {
  return withApi(deps, connectionId, async (api) => ({ sentTo: (await api.sendStepUpCode(purpose)).sentTo }));
}

/** Turns 2FA off with the password and a code (the one typed, or one from the authenticator Tessera holds). */
export function disable(
  deps: PortalDeps,
  connectionId: string,
  password: string,
  code: string | undefined,
): Promise<Replies['portal/disable']> {
  return withApi(deps, connectionId, async (api, connection) => {
    const { status } = await withCode(deps, connection, code, (c) => api.disable(password, c));
    return { status: statusView(status), archived: await archiveLinked(deps, connection) };
  });
}
