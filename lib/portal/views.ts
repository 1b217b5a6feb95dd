import type { PortalConnectionView, PortalStatusView } from '../messages';
import type { PortalConnection } from '../vault/records';
import type { Status } from './schemas';

/** What the popup may see of a connection and of a portal's status: never a token, never a secret. */

export function connectionView(connection: PortalConnection): PortalConnectionView {
  return {
    id: connection.id,
    origin: connection.origin,
    site: connection.site,
    expiresAt: connection.expiresAt,
    accountId: connection.accountId ?? null,
  };
}

export function statusView(status: Status): PortalStatusView {
  return {
    email: status.email,
    twoFactorEnabled: status.twoFactorEnabled,
    method: status.method,
    methods: status.methods,
    phone: status.phone,
    recoveryKeyPresent: status.recoveryKeyPresent,
    organisation: status.organisation.name,
  };
}
