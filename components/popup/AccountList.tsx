import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountView, Code } from '../../lib/messages';
import { t } from '../i18n';
import { AccountRow } from './AccountRow';

/** Rows drawn in the first frame: more than the popup shows. The rest follow right after the first paint. */
const FIRST_SCREEN = 12;

export const ACCOUNT_LIST_ID = 'accounts';

interface Props {
  /** The accounts to show, filtered and in order. */
  shown: AccountView[];
  /** Whether the vault holds any account at all (for the empty state's words). */
  hasAccounts: boolean;
  codes: Record<string, Code>;
  now: number;
  active: number;
  onActive: (index: number) => void;
  /** Focus this account's row on mount (coming back from its details). */
  focusId: string | null;
  canFill: (account: AccountView) => boolean;
  /** Enter on a row: fill when the page asks for this account's code, copy otherwise. */
  onPrimary: (account: AccountView) => void;
  onCopy: (code: string, account: AccountView) => void;
  onFill: (account: AccountView) => void;
  onOpen: (account: AccountView) => void;
  /** Escape in the list: back to the search. */
  onEscape: () => void;
}

const KEY_MOVES: Record<string, (index: number, last: number) => number> = {
  ArrowDown: (i, last) => Math.min(last, i + 1),
  ArrowUp: (i) => Math.max(0, i - 1),
  Home: () => 0,
  End: (_, last) => last,
  PageDown: (i, last) => Math.min(last, i + 5),
  PageUp: (i) => Math.max(0, i - 5),
};

/** The accounts with live codes: one tab stop (the active row), arrow keys within and between rows. */
export function AccountList(props: Props) {
  const { shown, codes, now, active, onActive, focusId, canFill, onPrimary, onCopy, onFill, onOpen } = props;
  const list = useRef<HTMLUListElement>(null);
  const [limit, setLimit] = useState(focusId ? Number.POSITIVE_INFINITY : FIRST_SCREEN);

  useEffect(() => {
    // After the first paint, draw the rest: the first screenful is what the user sees at once.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setLimit(Number.POSITIVE_INFINITY));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the list comes back from an account's details
  useEffect(() => {
    if (!focusId) return;
    const index = shown.findIndex((a) => a.id === focusId);
    if (index < 0) return;
    onActive(index);
    focusRow(index);
  }, []);

  const rowAt = (index: number) => list.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
  const focusRow = (index: number) => {
    const row = rowAt(index);
    row?.querySelector<HTMLElement>('[data-row-primary]')?.focus();
    row?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    const move = KEY_MOVES[event.key];
    if (move) {
      event.preventDefault();
      const next = move(index, shown.length - 1);
      onActive(next);
      if (next >= limit) setLimit(Number.POSITIVE_INFINITY);
      // The row may only exist after the render that raised the limit.
      requestAnimationFrame(() => focusRow(next));
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      const buttons = [...row.querySelectorAll<HTMLButtonElement>('button:not([disabled])')];
      const at = buttons.indexOf(target as HTMLButtonElement);
      const step = event.key === 'ArrowRight' ? 1 : -1;
      buttons[(at + step + buttons.length) % buttons.length]?.focus();
    } else if (event.key === 'Enter' && target.hasAttribute('data-row-primary')) {
      event.preventDefault();
      const account = shown[index];
      if (account) onPrimary(account);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      props.onEscape();
    }
  };

  if (shown.length === 0) {
    return <p class="muted empty">{props.hasAccounts ? t('noMatch') : t('noAccounts')}</p>;
  }
  return (
    <ul
      ref={list}
      id={ACCOUNT_LIST_ID}
      class="accounts"
      aria-label={t('accounts')}
      onKeyDown={onKeyDown}
      onFocusIn={(event) => {
        const row = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
        if (row) onActive(Number(row.dataset.index));
      }}
    >
      {shown.slice(0, limit).map((account, index) => (
        <AccountRow
          key={account.id}
          account={account}
          code={codes[account.id]}
          now={now}
          position={index + 1}
          total={shown.length}
          active={index === active}
          canFill={canFill(account)}
          onCopy={onCopy}
          onFill={() => onFill(account)}
          onOpen={() => onOpen(account)}
        />
      ))}
    </ul>
  );
}
