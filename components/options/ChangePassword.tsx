import { useState } from 'preact/hooks';
import { masterPasswordErrorText, t } from '../i18n';
import { send } from '../messaging';
import { NewPasswordFields, useNewPassword } from '../NewPasswordFields';
import { PasswordInput } from '../PasswordInput';

/** Changes the master password (the vault re-wraps its key; accounts are not re-encrypted). */
export function ChangePassword() {
  const [oldPassword, setOld] = useState('');
  const next = useNewPassword();
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = async () => {
    setBusy(true);
    const reply = await send({ type: 'options/password/change', oldPassword, newPassword: next.password });
    setBusy(false);
    if (!reply.ok) {
      setNotice(null);
      return setError(masterPasswordErrorText(reply.error));
    }
    setError(null);
    setOld('');
    setSubmitted(false);
    next.reset();
    setNotice(t('passwordChanged'));
  };

  return (
    <section class="card stack" aria-labelledby="change-title">
      <h3 id="change-title">{t('changePasswordTitle')}</h3>
      <form
        class="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (busy) return;
          setSubmitted(true);
          if (next.attempt() && oldPassword) void change();
        }}
      >
        <PasswordInput
          label={t('currentPassword')}
          autocomplete="current-password"
          data-testid="change-old"
          value={oldPassword}
          onValue={setOld}
          aria-invalid={submitted && !oldPassword}
        />
        {submitted && !oldPassword && <p class="error">{t('typeMasterPassword')}</p>}
        <NewPasswordFields
          label={t('newPassword')}
          {...next.fields}
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
        <button type="submit" class="primary" data-testid="change-submit" disabled={busy}>
          {busy ? t('working') : t('changePassword')}
        </button>
      </form>
    </section>
  );
}
