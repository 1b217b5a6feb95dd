import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import { PasswordInput } from '../../PasswordInput';

interface Props {
  /** Why the site asks for its password again. */
  reason: string;
  submitLabel: string;
  busy: boolean;
  danger?: boolean;
  onSubmit: (password: string) => void;
  onCancel: () => void;
  children?: preact.ComponentChildren;
}

/** The site's own password (not Tessera's), which the portal asks for before a downgrade or a removal. */
export function PasswordStep({ reason, submitLabel, busy, danger, onSubmit, onCancel, children }: Props) {
  const [password, setPassword] = useState('');
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(password);
        setPassword('');
      }}
    >
      <p class="small">{reason}</p>
      {children}
      <PasswordInput
        label={t('portalSitePassword')}
        autocomplete="off"
        required
        value={password}
        onValue={setPassword}
        data-testid="portal-password"
      />
      <div class="row">
        <button
          type="submit"
          class={danger ? 'danger' : 'primary'}
          disabled={busy || !password}
          data-testid="portal-password-submit"
        >
          {submitLabel}
        </button>
        <button type="button" class="ghost" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
