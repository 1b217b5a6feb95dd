import { useState } from 'preact/hooks';
import { masterPasswordErrorText, t } from '../i18n';
import { send } from '../messaging';
import { NewPasswordFields, newPasswordReady } from '../NewPasswordFields';

/** Changes the master password (the vault re-wraps its key; accounts are not re-encrypted). */
export function ChangePassword() {
  const [oldPassword, setOld] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canSubmit = !busy && oldPassword.length > 0 && newPasswordReady(next, confirm);

  const change = async () => {
    setBusy(true);
    const reply = await send({ type: 'options/password/change', oldPassword, newPassword: next });
    setBusy(false);
    if (!reply.ok) {
      setNotice(null);
      return setError(masterPasswordErrorText(reply.error));
    }
    setError(null);
    setOld('');
    setNext('');
    setConfirm('');
    setNotice(t('passwordChanged'));
  };

  return (
    <section class="card stack" aria-labelledby="change-title">
      <h3 id="change-title">{t('changePasswordTitle')}</h3>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (canSubmit) void change();
        }}
      >
        <label class="field">
          <span>{t('currentPassword')}</span>
          <input
            type="password"
            autocomplete="current-password"
            data-testid="change-old"
            value={oldPassword}
            onInput={(e) => setOld(e.currentTarget.value)}
          />
        </label>
        <NewPasswordFields
          label={t('newPassword')}
          password={next}
          confirm={confirm}
          onPassword={setNext}
          onConfirm={setConfirm}
          testIds={{ password: 'change-new', confirm: 'change-confirm' }}
        />
        {error && (
          <p class="error" role="alert" data-testid="change-error">
            {error}
          </p>
        )}
        {notice && (
          <p class="notice" role="status" data-testid="change-done">
            {notice}
          </p>
        )}
        <button type="submit" class="primary" data-testid="change-submit" disabled={!canSubmit}>
          {busy ? t('working') : t('changePassword')}
        </button>
      </form>
    </section>
  );
}
