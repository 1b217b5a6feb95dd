import { useMemo, useState } from 'preact/hooks';
import type { AccountView, BindOfferView } from '../../lib/messages';
import { t } from '../i18n';
import { send } from '../messaging';

interface Props {
  offer: BindOfferView;
  accounts: AccountView[];
  tabId: number;
  onBound: (site: string) => void;
  onError: (message: string) => void;
}

const nameOf = (a: AccountView) => (a.issuer && a.label ? `${a.issuer} (${a.label})` : a.issuer || a.label);

/** How many search results to show at once: a search narrows, it does not list the vault. */
const MAX_RESULTS = 8;

/**
 * Bind on first use, in the popup: the page asks for a code and no account fills on its site. Accounts that
 * name the site come first, a search finds the rest; choosing one asks before anything is bound, and a site
 * that imitates one already bound gets no suggestion and a warning in that question.
 */
export function BindOffer({ offer, accounts, tabId, onBound, onError }: Props) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<AccountView | null>(null);
  const [busy, setBusy] = useState(false);
  const suggested = accounts.filter((a) => offer.suggested.includes(a.id));
  const found = useMemo(() => {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    return accounts
      .filter((a) => !offer.suggested.includes(a.id) && nameOf(a).toLowerCase().includes(q))
      .slice(0, MAX_RESULTS);
  }, [accounts, offer, query]);

  const confirm = async (account: AccountView) => {
    setBusy(true);
    const reply = await send({ type: 'bind/tab', tabId, accountId: account.id, site: offer.site });
    setBusy(false);
    setChosen(null);
    if (!reply.ok) return onError(reply.error.message);
    if (!reply.filled) return onError(reply.reason ?? t('notFilled'));
    onBound(offer.shownAs);
  };

  const { lookalike } = offer;
  const choice = (account: AccountView) => (
    <li key={account.id}>
      <button type="button" class="ghost" data-testid="bind-choice" onClick={() => setChosen(account)}>
        {nameOf(account)}
      </button>
    </li>
  );

  return (
    <section class="card stack" data-testid="bind-offer" aria-labelledby="bind-offer-title">
      <p id="bind-offer-title">{t('bindPopupIntro', offer.shownAs)}</p>
      {chosen ? (
        <div class="stack" role="alertdialog" aria-labelledby="bind-question">
          <p id="bind-question" data-testid="bind-question">
            <strong>{t('bindQuestion', nameOf(chosen), offer.shownAs)}</strong>
          </p>
          {lookalike && (
            <p class="error" role="alert" data-testid="bind-warning" data-reason={lookalike.reason}>
              {lookalike.of
                ? t('lookalikeOf', lookalike.shownAs, lookalike.of)
                : t('lookalikePunycode', lookalike.shownAs)}
            </p>
          )}
          <div class="row">
            <button
              type="button"
              class={lookalike ? undefined : 'primary'}
              disabled={busy}
              data-testid="bind-confirm"
              onClick={() => void confirm(chosen)}
            >
              {t('bindConfirm')}
            </button>
            <button type="button" data-testid="bind-cancel" onClick={() => setChosen(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <>
          {suggested.length > 0 && <ul class="bind-choices">{suggested.map(choice)}</ul>}
          <input
            type="search"
            class="search"
            placeholder={t('bindSearch')}
            aria-label={t('bindSearch')}
            data-testid="bind-search"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          {found.length > 0 && <ul class="bind-choices">{found.map(choice)}</ul>}
        </>
      )}
    </section>
  );
}
