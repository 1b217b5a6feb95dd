import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PageRequest, PortalFailure, Replies } from '../../lib/messages';
import { t, tn } from '../i18n';
import { type Asked, ask, type Success } from './portal/ask';
import { CodeForm } from './portal/CodeForm';
import { PasswordStep } from './portal/PasswordStep';
import { SecurityEvents } from './SecurityEvents';

type Overview = Extract<Replies['portal/status'], { status: unknown }>;

/** The step in progress; codes are asked for only after the portal said where it sent them. */
type Flow =
  | { name: 'none' }
  | { name: 'move' }
  | { name: 'switch' }
  | { name: 'switch-code'; changeId: string; sentTo: string }
  | { name: 'phone' }
  | { name: 'phone-old'; changeId: string; sentTo: string }
  | { name: 'phone-new'; changeId: string; sentTo: string }
  | { name: 'renew-code'; sentTo: string }
  | { name: 'disable' }
  | { name: 'disable-code'; password: string; sentTo?: string };

interface Props {
  connectionId: string;
  tabId: number;
  onBack: () => void;
}

/**
 * One connected portal account: its 2FA status as the portal reports it, whether the vault agrees, the
 * actions the portal allows (move to Tessera, switch, change phone, renew the recovery key, turn off) and the
 * recent security events. Every call goes through the background; this page never sees a token or a secret.
 */
export function Security({ connectionId, tabId, onBack }: Props) {
  const [overview, setOverview] = useState<Overview | null>(null);
  const [flow, setFlow] = useState<Flow>({ name: 'none' });
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [method, setMethod] = useState<'sms' | 'email'>('sms');
  const [phone, setPhone] = useState('');

  const load = useCallback(async () => {
    const reply = await ask({ type: 'portal/status', connectionId });
    if (!reply.ok) return setFailure(reply.failure);
    setFailure(null);
    setOverview(reply.value);
  }, [connectionId]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Runs one step; on success shows `done` (if any), closes the flow and reloads the status. */
  const step = async <K extends PageRequest['type']>(
    run: () => Promise<Asked<K>>,
    next: (value: Success<K>) => Flow | undefined,
    done?: (value: Success<K>) => string,
  ) => {
    setBusy(true);
    setNotice(null);
    const reply = await run();
    setBusy(false);
    if (!reply.ok) return setFailure(reply.failure);
    setFailure(null);
    const value = reply.value;
    const following = next(value);
    if (following) return setFlow(following);
    setFlow({ name: 'none' });
    if (done) setNotice(done(value));
    await load();
  };

  const status = overview?.status;
  const cancel = () => setFlow({ name: 'none' });
  /** A new code for the step in progress; the flow stays where it is, with where the code went. */
  const resend = (current: Extract<Flow, { changeId: string; sentTo: string }>) =>
    step(
      () => ask({ type: 'portal/resend', connectionId, changeId: current.changeId }),
      (v) => ({ ...current, sentTo: v.sentTo }),
    );
  const move = (password: string) =>
    step(
      () => ask({ type: 'portal/move', connectionId, password }),
      () => undefined,
      (v) => (v.recoveryKeySaved ? t('portalMovedWithKey') : t('portalMoved')),
    );
  /**
   * Turning 2FA off takes the password and a current code: Tessera's own authenticator answers for an account
   * it holds; otherwise the user types the code (sent by SMS or e-mail, or from another app).
   */
  const disable = (password: string, code?: string) =>
    step(
      async () => {
        const reply = await ask({ type: 'portal/disable', connectionId, password, code });
        // Tessera does not hold this authenticator: ask for a code from the app that does.
        if (!reply.ok && reply.failure.code === 'code_required') setFlow({ name: 'disable-code', password });
        return reply;
      },
      () => undefined,
      (v) => (v.archived ? t('portalDisabledArchived') : t('portalDisabled')),
    );
  const renew = () =>
    status?.method === 'totp'
      ? step(
          () => ask({ type: 'portal/recovery/renew', connectionId }),
          () => undefined,
          () => t('portalRenewed'),
        )
      : step(
          () => ask({ type: 'portal/step-up/send', connectionId, purpose: 'recovery-renew' }),
          (v) => ({ name: 'renew-code', sentTo: v.sentTo }),
        );

  return (
    <section class="card stack" aria-labelledby="security-title" data-testid="security">
      <div class="bar">
        <button type="button" class="ghost" onClick={onBack} aria-label={t('back')}>
          ←
        </button>
        <h2 id="security-title" class="brand">
          {t('portalSecurityOf', overview?.connection.site ?? '')}
        </h2>
      </div>

      {failure && (
        <div class="stack">
          <p class="error" role="alert" data-testid="security-error" data-code={failure.code}>
            {failure.message}
          </p>
          {failure.reconnect && (
            <button
              type="button"
              class="primary"
              data-testid="security-reconnect"
              onClick={async () => {
                const reply = await ask({ type: 'portal/connect', tabId });
                if (!reply.ok) return setFailure(reply.failure);
                setFailure(null);
                setNotice(t('portalWaitingApproval', reply.value.pairing.userCode));
              }}
            >
              {t('portalConnect')}
            </button>
          )}
          {failure.code === 'unreachable' && (
            <button type="button" onClick={() => void load()} data-testid="security-retry">
              {t('portalRetry')}
            </button>
          )}
        </div>
      )}
      {notice && (
        <p class="notice" role="status" data-testid="security-notice">
          {notice}
        </p>
      )}

      {status && overview && (
        <>
          <p
            class="status"
            data-testid="security-status"
            data-method={status.method ?? 'off'}
            data-enabled={String(status.twoFactorEnabled)}
          >
            {status.twoFactorEnabled
              ? t(`portalMethod_${status.method ?? 'totp'}`, status.phone ?? status.email)
              : t('portalOff')}
            {' · '}
            {status.recoveryKeyPresent ? t('portalKeyOnSite') : t('portalNoKeyOnSite')}
            {' · '}
            {tn('portalKeysInVault', overview.recoveryKeys)}
          </p>

          {overview.sync !== 'in-sync' && (
            <div class="stack" data-testid="security-sync" data-sync={overview.sync}>
              <p class="error small">
                {t(overview.sync === 'stale-local' ? 'portalSyncStale' : 'portalSyncMissing')}
              </p>
              {overview.sync === 'stale-local' ? (
                <button
                  type="button"
                  data-testid="security-fix"
                  onClick={() =>
                    void step(
                      () => ask({ type: 'portal/archive-local', connectionId }),
                      () => undefined,
                      () => t('portalArchived'),
                    )
                  }
                >
                  {t('portalArchiveLocal')}
                </button>
              ) : (
                <button type="button" data-testid="security-fix" onClick={() => setFlow({ name: 'move' })}>
                  {t('portalSetUpAgain')}
                </button>
              )}
            </div>
          )}

          {flow.name === 'none' && (
            <div class="stack">
              {status.method !== 'totp' && (
                <button
                  type="button"
                  class="primary"
                  disabled={busy}
                  data-testid="security-move"
                  onClick={() => setFlow({ name: 'move' })}
                >
                  {status.twoFactorEnabled ? t('portalMove') : t('portalTurnOn')}
                </button>
              )}
              {status.twoFactorEnabled && (
                <>
                  <button
                    type="button"
                    data-testid="security-switch"
                    onClick={() => {
                      setMethod(status.method === 'sms' ? 'email' : 'sms');
                      setFlow({ name: 'switch' });
                    }}
                  >
                    {/* Offer only the methods the account is not on already. */}
                    {t(
                      status.method === 'sms'
                        ? 'portalSwitchToEmail'
                        : status.method === 'email'
                          ? 'portalSwitchToSms'
                          : 'portalSwitch',
                    )}
                  </button>
                  {status.method === 'sms' && (
                    <button
                      type="button"
                      data-testid="security-phone"
                      onClick={() => setFlow({ name: 'phone' })}
                    >
                      {t('portalChangePhone')}
                    </button>
                  )}
                  <button
                    type="button"
                    disabled={busy}
                    data-testid="security-renew"
                    onClick={() => void renew()}
                  >
                    {t('portalRenew')}
                  </button>
                  <button
                    type="button"
                    class="danger"
                    data-testid="security-disable"
                    onClick={() => setFlow({ name: 'disable' })}
                  >
                    {t('portalDisable')}
                  </button>
                </>
              )}
            </div>
          )}

          {flow.name === 'move' && (
            <PasswordStep
              reason={t('portalMoveWhy')}
              submitLabel={status.twoFactorEnabled ? t('portalMove') : t('portalTurnOn')}
              busy={busy}
              onSubmit={(password) => void move(password)}
              onCancel={cancel}
            />
          )}

          {flow.name === 'switch' && (
            <PasswordStep
              reason={t('portalSwitchWhy')}
              submitLabel={t('portalSendCode')}
              busy={busy}
              onCancel={cancel}
              onSubmit={(password) =>
                void step(
                  () =>
                    ask({
                      type: 'portal/switch/start',
                      connectionId,
                      method,
                      password,
                      phone: method === 'sms' ? phone : undefined,
                    }),
                  (v) => ({ name: 'switch-code', changeId: v.changeId, sentTo: v.sentTo }),
                )
              }
            >
              <label class="field">
                <span>{t('portalNewMethod')}</span>
                <select
                  value={method}
                  onChange={(e) => setMethod(e.currentTarget.value as 'sms' | 'email')}
                  data-testid="switch-method"
                >
                  {status.method !== 'sms' && <option value="sms">{t('portalMethodName_sms')}</option>}
                  {status.method !== 'email' && <option value="email">{t('portalMethodName_email')}</option>}
                </select>
              </label>
              {method === 'sms' && (
                <label class="field">
                  <span>{t('portalMobile')}</span>
                  <input
                    type="tel"
                    placeholder="+33 6 12 34 56 78"
                    value={phone}
                    onInput={(e) => setPhone(e.currentTarget.value)}
                    data-testid="portal-phone"
                  />
                </label>
              )}
            </PasswordStep>
          )}

          {flow.name === 'switch-code' && (
            <CodeForm
              sentTo={flow.sentTo}
              busy={busy}
              onCancel={cancel}
              onResend={() => void resend(flow)}
              onSubmit={(code) =>
                void step(
                  () => ask({ type: 'portal/switch/confirm', connectionId, changeId: flow.changeId, code }),
                  () => undefined,
                  (v) => (v.archived ? t('portalSwitchedArchived') : t('portalSwitched')),
                )
              }
            />
          )}

          {flow.name === 'phone' && (
            <PasswordStep
              reason={t('portalPhoneWhy')}
              submitLabel={t('portalSendCode')}
              busy={busy}
              onCancel={cancel}
              onSubmit={(password) =>
                void step(
                  () => ask({ type: 'portal/phone/start', connectionId, phone, password }),
                  (v) => ({ name: 'phone-old', changeId: v.changeId, sentTo: v.sentTo }),
                )
              }
            >
              <label class="field">
                <span>{t('portalNewMobile')}</span>
                <input
                  type="tel"
                  required
                  placeholder="+33 6 12 34 56 78"
                  value={phone}
                  onInput={(e) => setPhone(e.currentTarget.value)}
                  data-testid="portal-phone"
                />
              </label>
            </PasswordStep>
          )}

          {(flow.name === 'phone-old' || flow.name === 'phone-new') && (
            <div class="stack" data-testid="phone-step" data-step={flow.name}>
              <p class="small">
                {flow.name === 'phone-old' ? t('portalPhoneOldCode') : t('portalPhoneNewCode')}
              </p>
              <CodeForm
                sentTo={flow.sentTo}
                busy={busy}
                onCancel={cancel}
                onResend={() => void resend(flow)}
                onSubmit={(code) =>
                  flow.name === 'phone-old'
                    ? void step(
                        () =>
                          ask({
                            type: 'portal/phone/confirm-old',
                            connectionId,
                            changeId: flow.changeId,
                            code,
                          }),
                        (v) => ({ name: 'phone-new', changeId: v.changeId, sentTo: v.sentTo }),
                      )
                    : void step(
                        () =>
                          ask({
                            type: 'portal/phone/confirm-new',
                            connectionId,
                            changeId: flow.changeId,
                            code,
                          }),
                        () => undefined,
                        () => t('portalPhoneChanged'),
                      )
                }
              />
            </div>
          )}

          {flow.name === 'renew-code' && (
            <CodeForm
              sentTo={flow.sentTo}
              busy={busy}
              onCancel={cancel}
              onResend={() => void renew()}
              onSubmit={(code) =>
                void step(
                  () => ask({ type: 'portal/recovery/renew', connectionId, code }),
                  () => undefined,
                  () => t('portalRenewed'),
                )
              }
            />
          )}

          {flow.name === 'disable' && (
            <PasswordStep
              reason={t('portalDisableWarning')}
              submitLabel={t('portalDisableConfirm')}
              danger
              busy={busy}
              onCancel={cancel}
              onSubmit={(password) =>
                status.method === 'totp'
                  ? void disable(password)
                  : void step(
                      () => ask({ type: 'portal/step-up/send', connectionId, purpose: 'disable' }),
                      (v) => ({ name: 'disable-code', password, sentTo: v.sentTo }),
                    )
              }
            />
          )}

          {flow.name === 'disable-code' && (
            <CodeForm
              sentTo={flow.sentTo}
              busy={busy}
              onCancel={cancel}
              onSubmit={(code) => void disable(flow.password, code)}
            />
          )}

          <SecurityEvents events={overview.events} />
          <button
            type="button"
            class="ghost small"
            data-testid="security-disconnect"
            onClick={async () => {
              const reply = await ask({ type: 'portal/disconnect', connectionId });
              if (!reply.ok) return setFailure(reply.failure);
              onBack();
            }}
          >
            {t('portalDisconnect')}
          </button>
        </>
      )}
    </section>
  );
}
