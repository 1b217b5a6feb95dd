import { useMemo, useState } from 'preact/hooks';
import type { AccountView, Code } from '../../lib/messages';
import { t } from '../i18n';
import { AccountRow } from './AccountRow';
import { useCodes } from './use-codes';

interface Props {
  accounts: AccountView[];
  /** Codes that came with the list; refreshed as they expire. */
  codes: Record<string, Code>;
  canFill: boolean;
  onCopy: (code: string, account: AccountView) => void;
  onFill: (account: AccountView) => void;
  onOpen: (account: AccountView) => void;
}

/** Accounts for the current site first, then pinned ones in their order, then the rest by name. */
function ordered(accounts: AccountView[]): AccountView[] {
  const name = (a: AccountView) => `${a.issuer} ${a.label}`.toLowerCase();
  return [...accounts].sort(
    (a, b) =>
      Number(b.matchesTab) - Number(a.matchesTab) ||
      (a.pinned ?? Number.POSITIVE_INFINITY) - (b.pinned ?? Number.POSITIVE_INFINITY) ||
      name(a).localeCompare(name(b)),
  );
}

/** The searchable list of accounts with live codes. */
export function AccountList({ accounts, codes: initialCodes, canFill, onCopy, onFill, onOpen }: Props) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return ordered(accounts).filter((a) => !q || `${a.issuer} ${a.label}`.toLowerCase().includes(q));
  }, [accounts, query]);
  const { codes, now, error } = useCodes(
    shown.map((a) => a.id),
    initialCodes,
  );

  return (
    <div class="stack">
      {accounts.length > 5 && (
        <input
          type="search"
          class="search"
          placeholder={t('searchAccounts')}
          aria-label={t('searchAccounts')}
          data-testid="search"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {shown.length === 0 ? (
        <p class="muted empty">{accounts.length ? t('noMatch') : t('noAccounts')}</p>
      ) : (
        <ul class="accounts" aria-label={t('accounts')}>
          {shown.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              code={codes[account.id]}
              now={now}
              canFill={canFill && account.matchesTab}
              onCopy={onCopy}
              onFill={() => onFill(account)}
              onOpen={() => onOpen(account)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}
