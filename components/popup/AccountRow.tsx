import type { AccountView, Code } from '../../lib/messages';
import { t, tn } from '../i18n';

interface Props {
  account: AccountView;
  code: Code | undefined;
  now: number;
  canFill: boolean;
  onCopy: (code: string, account: AccountView) => void;
  onFill: () => void;
  onOpen: () => void;
}

/** Groups a code for reading aloud or typing: 123 456, 1234 5678. */
function spaced(code: string): string {
  return code.length >= 6 && /^\d+$/.test(code)
    ? `${code.slice(0, code.length / 2)} ${code.slice(code.length / 2)}`
    : code;
}

/** One account: issuer and name, where it fills, the live code with its countdown, copy and fill. */
export function AccountRow({ account, code, now, canFill, onCopy, onFill, onOpen }: Props) {
  const remaining = code?.expiresAtMs ? Math.max(0, Math.ceil((code.expiresAtMs - now) / 1000)) : null;
  const title = account.issuer || account.label;
  // The site already had the current code (RFC 6238 §5.2): the button waits for the next one.
  const waitSeconds =
    account.nextCodeAtMs !== null && account.nextCodeAtMs > now
      ? Math.ceil((account.nextCodeAtMs - now) / 1000)
      : 0;
  return (
    <li class={`account ${account.matchesTab ? 'account-here' : ''}`} data-testid="account-row">
      <div class="account-names">
        <strong>{title}</strong>
        {account.issuer && account.label && <span class="muted">{account.label}</span>}
        <span class="muted small" data-testid="account-sites">
          {account.sites.length
            ? t('rowFillsOn', account.sites.map((site) => site.host).join(', '))
            : t('rowFillsNowhere')}
        </span>
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
        onClick={() => code && onCopy(code.code, account)}
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
          onClick={() => code && onCopy(code.code, account)}
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
          <button
            type="button"
            class="ghost"
            data-testid="fill"
            data-state={waitSeconds ? 'waiting' : 'ready'}
            title={waitSeconds ? t('nextCodeIn', String(waitSeconds)) : undefined}
            onClick={onFill}
          >
            {waitSeconds ? t('fillWaiting', String(waitSeconds)) : t('fillOnPage')}
          </button>
        )}
      </div>
    </li>
  );
}
