import type { Replies } from '../messages';
import { withApi } from './connection';
import type { PortalDeps } from './deps';
import { linkedAccount, syncOf } from './local-account';
import { keysOf } from './recovery-keys';
import { withRetries } from './transport';
import { connectionView, statusView } from './views';

const EVENTS_SHOWN = 10;

/** The Security view of a connection: the portal's status and latest events, and whether the vault agrees. */
export function readStatus(deps: PortalDeps, connectionId: string): Promise<Replies['portal/status']> {
  return withApi(deps, connectionId, async (api, connection) => {
    const [{ status }, { events }] = await Promise.all([
      withRetries(deps.sleep, () => api.status()),
      withRetries(deps.sleep, () => api.events()),
    ]);
    return {
      connection: connectionView(connection),
      status: statusView(status),
      sync: syncOf(status, await linkedAccount(deps, connection)),
      events: events.slice(0, EVENTS_SHOWN).map(({ id, at, summary, actor }) => ({ id, at, summary, actor })),
      recoveryKeys: (await keysOf(deps, connection)).length,
    };
  });
}
