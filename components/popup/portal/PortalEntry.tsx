import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Replies } from '../../../lib/messages';
import { t } from '../../i18n';
import { send } from '../../messaging';
import { ask } from './ask';

interface Props {
  tabId: number;
  onOpen: (connectionId: string) => void;
}

const PAIRING_REFRESH_MS = 1_500;

/**
 * For a site that speaks the portal API: "Security" when Tessera is paired with it, otherwise "Connect this
 * account", then the pairing's progress (the portal's approval page opens in a new tab).
 */
export function PortalEntry({ tabId, onOpen }: Props) {
  const [tab, setTab] = useState<Replies['portal/tab'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const reply = await send({ type: 'portal/tab', tabId });
    if (reply.ok) setTab(reply);
  }, [tabId]);
  useEffect(() => {
    void load();
  }, [load]);

  const waiting = tab?.pairing?.state === 'waiting';
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void load(), PAIRING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [waiting, load]);

  if (!tab?.portal) return null;
  const connect = async () => {
    setBusy(true);
    const reply = await ask({ type: 'portal/connect', tabId });
    setBusy(false);
    if (!reply.ok) return setError(reply.failure.message);
    setError(null);
    await load();
  };
  const pairing = tab.pairing;
  const connected = tab.connection !== null && !waiting;
  return (
    <section class="card stack" data-testid="portal-entry">
      {connected && tab.connection ? (
        <div class="row">
          <span class="small">{t('portalConnected', tab.connection.site)}</span>
          <button
            type="button"
            class="primary"
            onClick={() => tab.connection && onOpen(tab.connection.id)}
            data-testid="portal-open-security"
          >
            {t('portalSecurity')}
          </button>
        </div>
      ) : (
        <div class="row">
          <span class="small">{t('portalOffer')}</span>
          <button
            type="button"
            class="primary"
            disabled={busy}
            onClick={connect}
            data-testid="portal-connect"
          >
            {t('portalConnect')}
          </button>
        </div>
      )}
      {pairing && pairing.state !== 'connected' && (
        <p
          class={pairing.state === 'waiting' ? 'notice' : 'error'}
          role={pairing.state === 'waiting' ? 'status' : 'alert'}
          data-testid="portal-pairing"
          data-state={pairing.state}
        >
          {pairing.state === 'waiting' ? (
            <>
              {t('portalWaiting')}
              <code class="user-code" data-testid="portal-user-code">
                {pairing.userCode}
              </code>
            </>
          ) : (
            (pairing.message ?? t('portalPairingFailed'))
          )}
        </p>
      )}
      {error && (
        <p class="error" role="alert" data-testid="portal-error">
          {error}
        </p>
      )}
    </section>
  );
}
