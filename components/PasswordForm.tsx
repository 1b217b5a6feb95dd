import { useState } from 'preact/hooks';
import { masterPasswordErrorText, t } from './i18n';
import { send } from './messaging';
import { NewPasswordFields, useNewPassword } from './NewPasswordFields';
import { PasswordInput } from './PasswordInput';

interface Props {
  mode: 'setup' | 'unlock';
  error: string | null;
  busy: boolean;
  onSubmit: (password: string) => void;
}

/** First-run password creation (strength hint, "use it anyway", confirmation) or the unlock form. */
export function PasswordForm({ mode, error, busy, onSubmit }: Props) {
  const created = useNewPassword();
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const unlockEmpty = mode === 'unlock' && submitted && !password;

  return (
    <form
      class="card stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (busy) return;
        setSubmitted(true);
        if (mode === 'setup') {
          if (created.attempt()) onSubmit(created.password);
        } else if (password) onSubmit(password);
      }}
    >
      <h1>{t(mode === 'setup' ? 'setupTitle' : 'unlockTitle')}</h1>
      {mode === 'setup' && <p class="muted">{t('setupIntro')}</p>}
      {mode === 'setup' ? (
        <NewPasswordFields
          label={t('masterPassword')}
          {...created.fields}
          testIds={{ password: 'setup-password', confirm: 'setup-confirm' }}
          autofocus
        />
      ) : (
        <PasswordInput
          label={t('masterPassword')}
          autocomplete="current-password"
          data-testid="unlock-password"
          value={password}
          onValue={setPassword}
          aria-invalid={unlockEmpty}
          autofocus
        />
      )}
      {unlockEmpty && <p class="error">{t('typeMasterPassword')}</p>}
      {error && (
        <p class="error" role="alert" data-testid="password-error">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy} data-testid={`${mode}-submit`}>
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
