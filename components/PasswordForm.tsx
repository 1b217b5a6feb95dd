import { useState } from 'preact/hooks';
import { masterPasswordErrorText, t } from './i18n';
import { send } from './messaging';
import { NewPasswordFields, newPasswordReady } from './NewPasswordFields';

interface Props {
  mode: 'setup' | 'unlock';
  error: string | null;
  busy: boolean;
  onSubmit: (password: string) => void;
}

/** First-run password creation (with strength hint and confirmation) or the unlock form. */
export function PasswordForm({ mode, error, busy, onSubmit }: Props) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const canSubmit = !busy && (mode === 'unlock' ? password.length > 0 : newPasswordReady(password, confirm));

  return (
    <form
      class="card stack"
      onSubmit={(event) => {
        event.preventDefault();
        if (canSubmit) onSubmit(password);
      }}
    >
      <h1>{t(mode === 'setup' ? 'setupTitle' : 'unlockTitle')}</h1>
      {mode === 'setup' && <p class="muted">{t('setupIntro')}</p>}
      {mode === 'setup' ? (
        <NewPasswordFields
          label={t('masterPassword')}
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          testIds={{ password: 'setup-password', confirm: 'setup-confirm' }}
          autofocus
        />
      ) : (
        <label class="field">
          <span>{t('masterPassword')}</span>
          <input
            type="password"
            autocomplete="current-password"
            data-testid="unlock-password"
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
            autofocus
          />
        </label>
      )}
      {error && (
        <p class="error" role="alert" data-testid="password-error">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={!canSubmit} data-testid={`${mode}-submit`}>
        {busy ? t('working') : t(mode === 'setup' ? 'createVault' : 'unlock')}
      </button>
    </form>
  );
}

/**
 * The locked or first-run screen of the popup and the options page: creates or unlocks the vault, shows the
 * background's answer (wrong password, wait before retrying) and reports success.
 */
export function VaultGate({ state, onOpened }: { state: 'uninitialized' | 'locked'; onOpened: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (password: string) => {
    setBusy(true);
    const reply = await send({ type: state === 'uninitialized' ? 'vault/setup' : 'vault/unlock', password });
    setBusy(false);
    if (!reply.ok) return setError(masterPasswordErrorText(reply.error));
    setError(null);
    onOpened();
  };
  return (
    <PasswordForm
      mode={state === 'uninitialized' ? 'setup' : 'unlock'}
      error={error}
      busy={busy}
      onSubmit={submit}
    />
  );
}
