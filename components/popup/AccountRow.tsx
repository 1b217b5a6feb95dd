import type { AccountView, Code } from '../../lib/messages';
import { t, tn } from '../i18n';

interface Props {
  account: AccountView;
  code: Code | undefined;
  now: number;
  canFill: boolean;
  onCopy: (code: string) => void;
  onFill: () => void;
  onOpen: () => void;
}

/** Groups a code for reading aloud or typing: 123 456, 1234 5678. */
function spaced(code: string): string {
  return code.length >= 6 && /^\d+$/.test(code)
    ? `${code.slice(0, code.length / 2)} ${code.slice(code.length / 2)}`
    : code;
}

/** One account: issuer and name, the live code with its countdown, copy and fill. */
export function AccountRow({ account, code, now, canFill, onCopy, onFill, onOpen }: Props) {
  const remaining = code?.expiresAtMs ? Math.max(0, Math.ceil((code.expiresAtMs - now) / 1000)) : null;
  const title = account.issuer || account.label;
  return (
    <li class={`account ${account.matchesTab ? 'account-here' : ''}`} data-testid="account-row">
      <div class="account-names">
        <strong>{title}</strong>
        {account.issuer && account.label && <span class="muted">{account.label}</span>}
        {account.weakSecret && (
          <span class="badge-warn" title={t('weakSecretHelp')}>
            {t('weakSecret')}
          </span>
        )}
      </div>
      <button
        type="button"
        class="code"
        data-testid="account-code"
        disabled={!code}
        aria-label={t('copyCodeFor', title)}
        onClick={() => code && onCopy(code.code)}
      >
        <span data-testid="code">{code ? spaced(code.code) : '••• •••'}</span>
        {remaining !== null && (
          <span
            class={`countdown ${remaining <= 5 ? 'countdown-low' : ''}`}
            title={tn('secondsLeft', remaining)}
            aria-hidden="true"
          >
            {remaining}
          </span>
        )}
      </button>
      <div class="account-actions">
        <button
          type="button"
          class="ghost"
          data-testid="copy"
          onClick={() => code && onCopy(code.code)}
          disabled={!code}
        >
          {t('copy')}
        </button>
        <button
          type="button"
          class="ghost"
          data-testid="account-open"
          onClick={onOpen}
          aria-label={t('detailsFor', title)}
        >
          {t('details')}
        </button>
        {canFill && (
          <button type="button" class="ghost" data-testid="fill" onClick={onFill}>
            {t('fillOnPage')}
          </button>
        )}
      </div>
    </li>
  );
}
