import { useMemo, useRef, useState } from 'preact/hooks';
import type { Replies } from '../../lib/messages';
import { matchesFilter, pageOf } from '../../lib/options/account-table';
import { t } from '../i18n';
import { send } from '../messaging';

type OptionsAccount = Replies['options/accounts/list']['accounts'][number];
type Patch = Partial<Pick<OptionsAccount, 'sites' | 'autoFill' | 'autoSubmit'>>;

interface Props {
  accounts: OptionsAccount[];
  onChanged: () => void;
}

/** Rows per page: enough to scan at a glance, few enough that the page stays short with hundreds of accounts. */
const PAGE_SIZE = 25;

/**
 * Per account: the sites it may fill on (add/remove), and whether it fills on page load and submits. A filter
 * (issuer, name or site) and pages of 25 keep the table short however many accounts there are.
 */
export function SiteBindings({ accounts, onChanged }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [pageIndex, setPageIndex] = useState(0);
  const matching = useMemo(() => accounts.filter((a) => matchesFilter(a, filter)), [accounts, filter]);
  const page = pageOf(matching, pageIndex, PAGE_SIZE);
  const list = useRef<HTMLUListElement>(null);

  // The pager stays at the bottom of the window: a new page starts from its first row, not its last.
  const turn = (by: number) => {
    setPageIndex(page.index + by);
    const top = list.current?.getBoundingClientRect().top ?? 0;
    if (top < 0) list.current?.scrollIntoView({ block: 'start' });
  };

  const update = async (account: OptionsAccount, patch: Patch) => {
    const reply = await send({ type: 'options/account/update', id: account.id, ...patch });
    setError(reply.ok ? null : reply.error.message);
    onChanged();
  };

  return (
    <section class="card stack" aria-labelledby="bindings-title">
      <h3 id="bindings-title">{t('bindingsTitle')}</h3>
      <p class="muted small">{t('bindingsHelp')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {accounts.length === 0 ? (
        <p class="muted">{t('noAccounts')}</p>
      ) : (
        <input
          type="search"
          data-testid="sites-filter"
          aria-label={t('sitesFilter')}
          placeholder={t('sitesFilter')}
          value={filter}
          onInput={(e) => {
            setFilter(e.currentTarget.value);
            setPageIndex(0);
          }}
        />
      )}
      {accounts.length > 0 && matching.length === 0 && (
        <p class="muted" data-testid="sites-no-match">
          {t('sitesNoMatch', filter.trim())}
        </p>
      )}
      <ul class="bindings" ref={list}>
        {page.items.map((account) => (
          <BindingRow key={account.id} account={account} onUpdate={(patch) => update(account, patch)} />
        ))}
      </ul>
      {matching.length > 0 && (
        <div class="row pager">
          {page.pages > 1 && (
            <button
              type="button"
              data-testid="sites-prev"
              disabled={page.index === 0}
              onClick={() => turn(-1)}
            >
              {t('previousPage')}
            </button>
          )}
          <span class="muted small" aria-live="polite" data-testid="sites-range">
            {t('pageRange', String(page.first), String(page.last), String(page.total))}
          </span>
          {page.pages > 1 && (
            <button
              type="button"
              data-testid="sites-next"
              disabled={page.index >= page.pages - 1}
              onClick={() => turn(1)}
            >
              {t('nextPage')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function BindingRow({ account, onUpdate }: { account: OptionsAccount; onUpdate: (patch: Patch) => void }) {
  const [host, setHost] = useState('');
  const [exact, setExact] = useState(false);
  const name = account.issuer || account.label;

  // The background turns a typed host or URL into the site rule, drops duplicates and refuses what names no host.
  const add = () => {
    if (!host.trim()) return;
    setHost('');
    onUpdate({ sites: [...account.sites, { host: host.trim(), exact }] });
  };

  return (
    <li class="binding" data-testid="binding-row">
      <div class="account-names">
        <strong>{name}</strong>
        {account.issuer && account.label && <span class="muted small">{account.label}</span>}
      </div>
      <ul class="binding-sites" aria-label={t('fillsOnSites', name)}>
        {account.sites.length === 0 && <li class="muted small">{t('noSites')}</li>}
        {account.sites.map((site) => (
          <li key={`${site.host}:${site.exact}`} class="binding-site" data-testid="binding-site">
            <span>{site.exact ? site.host : t('siteAndSubdomains', site.host)}</span>
            <button
              type="button"
              class="ghost"
              data-testid="binding-remove"
              aria-label={t('removeSite', site.host)}
              onClick={() => onUpdate({ sites: account.sites.filter((s) => s !== site) })}
            >
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        class="row binding-add"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          type="text"
          data-testid="binding-add-host"
          aria-label={t('addSiteFor', name)}
          placeholder="example.com"
          value={host}
          onInput={(e) => setHost(e.currentTarget.value)}
        />
        <label class="check">
          <input type="checkbox" checked={exact} onChange={(e) => setExact(e.currentTarget.checked)} />
          {t('exactHost')}
        </label>
        <button type="submit" data-testid="binding-add" disabled={!host.trim()}>
          {t('addSite')}
        </button>
      </form>
      <div class="row">
        <label class="check">
          <input
            type="checkbox"
            data-testid="binding-autofill"
            checked={account.autoFill}
            onChange={(e) => onUpdate({ autoFill: e.currentTarget.checked })}
          />
          {t('autoFillToggle')}
        </label>
        <label class="check">
          <input
            type="checkbox"
            data-testid="binding-autosubmit"
            checked={account.autoSubmit}
            onChange={(e) => onUpdate({ autoSubmit: e.currentTarget.checked })}
          />
          {t('autoSubmitToggle')}
        </label>
      </div>
    </li>
  );
}
