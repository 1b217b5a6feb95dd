import type { AccountView, Code } from '../../lib/messages';
import { t, tn } from '../i18n';

interface Props {
  account: AccountView;
  code: Code | undefined;
  now: number;
  /** 1-based place in the list and the list's length, for assistive technology. */
  position: number;
  total: number;
  /** The row Enter and the arrow keys act on: its code button is the list's one tab stop. */
  active: boolean;
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

/** The id of an account's row, which the search names as the row Enter acts on. */
export const rowId = (accountId: string) => `account-${accountId}`;

/**
 * One account: issuer and name, where it fills, the live code with its countdown, copy, details and fill.
 * Only the active row's code button is in the tab order; the other buttons are reached with ← and →.
 */
export function AccountRow(props: Props) {
  const { account, code, now, position, total, active, canFill, onCopy, onFill, onOpen } = props;
  const remaining = code?.expiresAtMs ? Math.max(0, Math.ceil((code.expiresAtMs - now) / 1000)) : null;
  const title = account.issuer || account.label;
  // The site already had the current code (RFC 6238 §5.2): the button waits for the next one.
  const waitSeconds =
    account.nextCodeAtMs !== null && account.nextCodeAtMs > now
      ? Math.ceil((account.nextCodeAtMs - now) / 1000)
      : 0;
  return (
    <li
      id={rowId(account.id)}
      class={`account ${account.matchesTab ? 'account-here' : ''} ${active ? 'account-active' : ''}`}
      data-testid="account-row"
      data-index={position - 1}
      aria-posinset={position}
      aria-setsize={total}
    >
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
      {/* The countdown sits beside the button, not in it: the button's name is then all of its visible text. */}
      <span class="code-cell">
        <button
          type="button"
          class="code"
          data-testid="account-code"
          data-row-primary
          tabIndex={active ? 0 : -1}
          disabled={!code}
          // The name starts with the digits the button shows, so voice control and screen readers agree.
          aria-label={code ? t('codeCopyLabel', spaced(code.code), title) : t('copyCodeFor', title)}
          onClick={() => code && onCopy(code.code, account)}
        >
          <span data-testid="code">{code ? spaced(code.code) : '••• •••'}</span>
        </button>
        {remaining !== null && (
          <span
            class={`countdown ${remaining <= 5 ? 'countdown-low' : ''}`}
            title={tn('secondsLeft', remaining)}
            aria-hidden="true"
          >
            {remaining}
          </span>
        )}
      </span>
      <div class="account-actions">
        <button
          type="button"
          class="ghost"
          data-testid="copy"
          tabIndex={-1}
          onClick={() => code && onCopy(code.code, account)}
          disabled={!code}
        >
          {t('copy')}
        </button>
        <button
          type="button"
          class="ghost"
          data-testid="account-open"
          tabIndex={-1}
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
            tabIndex={-1}
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
