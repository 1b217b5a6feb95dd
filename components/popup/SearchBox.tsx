import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

interface Props {
  query: string;
  onQuery: (query: string) => void;
  /** The row Enter acts on, for assistive technology (aria-activedescendant). */
  activeId: string | null;
  listId: string;
  /** Focus on mount (the popup opens with the search focused, unless focus goes back to a row). */
  focus: boolean;
  onMove: (delta: number) => void;
  onEnter: () => void;
}

/** The popup's search: typing filters, ↑/↓ choose a row, Enter copies or fills it, Esc clears. */
export function SearchBox({ query, onQuery, activeId, listId, focus, onMove, onEnter }: Props) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focus) input.current?.focus();
  }, [focus]);
  return (
    <>
      <span id="search-hint" class="visually-hidden">
        {t('searchKeysHint')}
      </span>
      <input
        ref={input}
        id="search"
        type="search"
        class="search"
        placeholder={t('searchAccounts')}
        aria-label={t('searchAccounts')}
        aria-describedby="search-hint"
        aria-controls={listId}
        aria-activedescendant={activeId ?? undefined}
        autocomplete="off"
        spellcheck={false}
        data-testid="search"
        value={query}
        onInput={(e) => onQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            onMove(e.key === 'ArrowDown' ? 1 : -1);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            onEnter();
          } else if (e.key === 'Escape' && query) {
            // Clearing is this key's job here; without a query, Escape keeps its usual meaning (close).
            e.preventDefault();
            e.stopPropagation();
            onQuery('');
          }
        }}
      />
    </>
  );
}
