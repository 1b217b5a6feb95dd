import type { Replies } from '../messages';
import { withApi } from './connection';
import type { PortalDeps } from './deps';
import { statusView } from './views';

/** A new phone number for SMS codes: password first, then a code to the old number, then one to the new. */

export function startPhoneChange(
  deps: PortalDeps,
  connectionId: string,
  phone: string,
  password: string,
): Promise<Replies['portal/phone/start']> {
  return withApi(deps, connectionId, async (api) => {
    const started = await api.startPhoneChange(phone, { password });
    return { changeId: started.changeId, sentTo: started.sentTo };
  });
}

export function confirmOldPhone(
  deps: PortalDeps,
  connectionId: string,
  changeId: string,
  code: string,
): Promise<Replies['portal/phone/confirm-old']> {
  return withApi(deps, connectionId, async (api) => {
    const next = await api.confirmOldPhone(changeId, code);
    return { changeId: next.changeId, sentTo: next.sentTo };
  });
}

export function confirmNewPhone(
  deps: PortalDeps,
  connectionId: string,
  changeId: string,
  code: string,
): Promise<Replies['portal/phone/confirm-new']> {
  return withApi(deps, connectionId, async (api) => ({
    status: statusView((await api.confirmNewPhone(changeId, code)).status),
  }));
}

/** Sends the code of a pending change (method switch or phone change) again. */
export function resendCode(
  deps: PortalDeps,
  connectionId: string,
  changeId: string,
): Promise<Replies['portal/resend']> {
  return withApi(deps, connectionId, async (api) => ({ sentTo: (await api.resendCode(changeId)).sentTo }));
}
