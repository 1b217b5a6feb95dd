import { useState } from 'preact/hooks';
import { MIN_MASTER_PASSWORD_LENGTH, passwordStrength } from '../../lib/password/strength';
import { t } from '../i18n';

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
  const strength = passwordStrength(password);
  const mismatch = mode === 'setup' && confirm.length > 0 && confirm !== password;
  const canSubmit =
    !busy && (mode === 'unlock' ? password.length > 0 : strength !== 'too-short' && confirm === password);

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
      <label class="field">
        <span>{t('masterPassword')}</span>
        <input
          type="password"
          autocomplete={mode === 'setup' ? 'new-password' : 'current-password'}
          data-testid={mode === 'setup' ? 'setup-password' : 'unlock-password'}
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          autofocus
          aria-describedby={mode === 'setup' ? 'strength' : undefined}
        />
      </label>
      {mode === 'setup' && (
        <>
          <p id="strength" class={`strength strength-${strength}`} aria-live="polite">
            {password
              ? t(`strength_${strength.replace('-', '_')}`, String(MIN_MASTER_PASSWORD_LENGTH))
              : t('strengthHint', String(MIN_MASTER_PASSWORD_LENGTH))}
          </p>
          <label class="field">
            <span>{t('confirmPassword')}</span>
            <input
              type="password"
              autocomplete="new-password"
              data-testid="setup-confirm"
              value={confirm}
              onInput={(e) => setConfirm(e.currentTarget.value)}
              aria-invalid={mismatch}
            />
          </label>
          {mismatch && <p class="error">{t('passwordsDiffer')}</p>}
        </>
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
