import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PortalConnectionView } from '../../lib/messages';
import { formatDate, t } from '../i18n';
import { send } from '../messaging';
import { type Outcome, StatusMessage } from '../StatusMessage';

/**
 * The sites Tessera manages through their portal API. Disconnecting revokes the token on the portal first,
 * then forgets it here; the authenticator account itself stays in the vault.
 */
export function ConnectedPortals() {
  const [connections, setConnections] = useState<PortalConnectionView[]>([]);
  const [message, setMessage] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    const reply = await send({ type: 'portal/list' });
    if (reply.ok) setConnections(reply.connections);
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const disconnect = async (connection: PortalConnectionView) => {
    setBusy(connection.id);
    const reply = await send({ type: 'portal/disconnect', connectionId: connection.id });
    setBusy(null);
    if (!reply.ok) return setMessage({ error: true, text: reply.error.message });
    if (reply.failure) return setMessage({ error: true, text: reply.failure.message });
    setMessage({ error: false, text: t('portalDisconnected', connection.site) });
    await load();
  };

  return (
    // Headed by its section of the page, "Connected sites".
    <div class="card stack" data-testid="connected-portals">
      {connections.length === 0 ? (
        <p class="muted">{t('connectedPortalsNone')}</p>
      ) : (
        <ul class="enroll-list">
          {connections.map((connection) => (
            <li key={connection.id} class="row connected-portal" data-testid="connected-portal">
              <div class="account-names">
                <strong>{connection.site}</strong>
                <span class="muted small">
                  {t('connectedUntil', connection.origin, formatDate(connection.expiresAt))}
                </span>
              </div>
              <button
                type="button"
                class="danger"
                disabled={busy === connection.id}
                onClick={() => void disconnect(connection)}
                data-testid="portal-disconnect"
              >
                {t('disconnect')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <StatusMessage outcome={message} />
    </div>
  );
}
