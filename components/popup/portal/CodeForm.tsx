import { useState } from 'preact/hooks';
import { t } from '../../i18n';

interface Props {
  /** Where the code was sent (masked), shown above the field; none for an authenticator app's code. */
  sentTo?: string;
  busy: boolean;
  onSubmit: (code: string) => void;
  /** Asks the portal for a new code; the previous one stops working. */
  onResend?: () => void;
  onCancel: () => void;
}

/** A 6-digit code sent by SMS or e-mail: the field, submit, "send a new code", cancel. */
export function CodeForm({ sentTo, busy, onSubmit, onResend, onCancel }: Props) {
  const [code, setCode] = useState('');
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(code.trim());
        setCode('');
      }}
    >
      <label class="field">
        <span>{sentTo === undefined ? t('portalAppCode') : t('portalCodeSentTo', sentTo)}</span>
        <input
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          value={code}
          onInput={(e) => setCode(e.currentTarget.value)}
          data-testid="portal-code"
        />
      </label>
      <div class="row">
        <button type="submit" class="primary" disabled={busy} data-testid="portal-code-submit">
          {t('portalConfirm')}
        </button>
        {onResend && (
          <button type="button" class="ghost" disabled={busy} onClick={onResend} data-testid="portal-resend">
            {t('portalResend')}
          </button>
        )}
        <button type="button" class="ghost" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
