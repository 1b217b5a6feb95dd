import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { AccountView, Code, Replies } from '../../lib/messages';
import { matchesQuery, ordered } from '../../lib/search/account-search';
import { copySecretText } from '../clipboard';
import { t, tn } from '../i18n';
import { send } from '../messaging';
import { applyTheme } from '../theme';
import { ACCOUNT_LIST_ID, AccountList } from './AccountList';
import { rowId } from './AccountRow';
import type { CurrentTab } from './current-tab';
import { EmptyVault } from './EmptyVault';
import { enrollText } from './enroll-text';
import { type Opened, openPopup } from './open';
import { SearchBox } from './SearchBox';
import { useCodes } from './use-codes';
import { useScreenMessage } from './use-screen-message';
import {
  AccountDetail,
  AddAccount,
  BackupDueBanner,
  BindOffer,
  EnrollCard,
  PortalEntry,
  preloadViews,
  RecoveryKeys,
  ScanPick,
  Security,
  VaultGate,
} from './views';

type VaultState = Replies['vault/status']['state'];
type View =
  | { name: 'list' }
  | { name: 'add' }
  | { name: 'pick'; codes: { text: string; label: string }[] }
  | { name: 'detail'; account: AccountView }
  | { name: 'security'; connectionId: string }
  | ({ name: 'confirm'; text: string } & Replies['enroll/preview']);

/** The popup: first-run setup, unlock, then the accounts with live codes, adding and filling. */
export function App({ opening }: { opening: Promise<Opened> }) {
  const [state, setState] = useState<VaultState | null>(null);
  const [tab, setTab] = useState<CurrentTab | null>(null);
  const [tabState, setTabState] = useState<Replies['tab/state'] | null>(null);
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [codes, setCodes] = useState<Record<string, Code>>({});
  const [view, setView] = useState<View>({ name: 'list' });
  const [error, setError] = useScreenMessage(view.name);
  const [notice, setNotice] = useScreenMessage(view.name, true);
  const [busy, setBusy] = useState(false);
  const [undo, setUndo] = useState<AccountView | null>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  /** The account whose details were open: its row gets the focus back. */
  const [returnTo, setReturnTo] = useState<string | null>(null);

  const show = useCallback(
    ({ tab: forTab, reply }: Opened) => {
      setTab(forTab);
      if (!reply.ok) return setError(reply.error.message);
      // Settings are parsed by the background, which already carries zod; the popup's first paint does not.
      applyTheme(reply.theme);
      setState(reply.state);
      if (reply.list) {
        setAccounts(reply.list.accounts);
        setCodes(reply.list.codes);
      }
      setTabState(reply.tab);
    },
    [setError],
  );
  const refresh = useCallback(async (forTab: CurrentTab | null) => show(await openPopup(forTab)), [show]);

  useEffect(() => {
    void opening.then(show).then(() => setTimeout(preloadViews, 50));
  }, [opening, show]);

  const shown = useMemo(
    () => ordered(accounts).filter((account) => matchesQuery(account, query)),
    [accounts, query],
  );
  const live = useCodes(
    shown.map((a) => a.id),
    codes,
  );
  const onQuery = (next: string) => {
    setQuery(next);
    setActive(0);
  };
  const wantsCode = tabState?.prompt === 'totp' || tabState?.prompt === 'unknown';
  const backToList = async () => {
    setView({ name: 'list' });
    await refresh(tab);
  };

  useEffect(() => {
    // Escape goes back from a sub-view, unless something inside it used the key (a field clearing itself).
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || view.name === 'list') return;
      event.preventDefault();
      void backToList();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  });

  const copy = async (code: string, account?: AccountView) => {
    const clearIn = await copySecretText(code);
    if (clearIn !== null) setNotice(clearIn > 0 ? tn('copied', clearIn) : t('copiedKept'));
    // A copied code counts as used on this tab's site: a second sign-in then gets the next one.
    if (account)
      await send({ type: 'code/copied', accountId: account.id, tabId: tab?.id }).then(() => refresh(tab));
  };

  /** Enter on a row: the page asks for this account's code, so fill it; otherwise copy it. */
  const primary = (account: AccountView) => {
    if (wantsCode && account.matchesTab) return void fill(account);
    const code = live.codes[account.id];
    if (code) void copy(code.code, account);
  };

  const fill = async (account: AccountView) => {
    if (!tab) return;
    const reply = await send({ type: 'fill/tab', tabId: tab.id, accountId: account.id });
    if (!reply.ok) return setError(reply.error.message);
    if (reply.filled) {
      setNotice(t('filled'));
      setError(null);
    } else setError(reply.reason ?? t('notFilled'));
    await refresh(tab);
  };

  const preview = async (input: string, scanned = false) => {
    setBusy(true);
    let text: string;
    try {
      text = await enrollText(input);
    } catch (failure) {
      setBusy(false);
      return setError(failure instanceof Error ? failure.message : String(failure));
    }
    const reply = await send({ type: 'enroll/preview', text, tabId: tab?.id, scanned });
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    const { ok: _, ...preview } = reply;
    setError(null);
    setView({ name: 'confirm', text, ...preview });
  };

  const scan = async () => {
    if (!tab) return setError(t('scanNoTab'));
    setBusy(true);
    setNotice(t('scanning'));
    try {
      const [{ scanTab }, { scanOutcome }] = await Promise.all([
        import('./scan/scan-tab'),
        import('../../lib/qr/scan-outcome'),
      ]);
      const { texts, unreadOutOfView } = await scanTab(tab);
      const outcome = scanOutcome(texts, t('googleExport'), unreadOutOfView);
      setNotice(null);
      if (outcome.kind === 'one') return await preview(outcome.text, true);
      if (outcome.kind === 'several') return setView({ name: 'pick', codes: outcome.codes });
      if (outcome.kind === 'not-setup') return setError(t('scanNotSetup', outcome.text.slice(0, 80)));
      setError(outcome.kind === 'out-of-view' ? t('scanOutOfView') : t('scanNone'));
    } catch (failure) {
      setNotice(null);
      setError(t('scanFailed', failure instanceof Error ? failure.message : String(failure)));
    } finally {
      setBusy(false);
    }
  };

  const saveRecoveryFromPage = async () => {
    if (!tab) return setError(t('scanNoTab'));
    const { readPageText } = await import('./scan/page-text');
    const text = await readPageText(tab.id);
    if (!text) return setError(t('recoveryPageUnreadable'));
    const { findRecoveryCodes } = await import('../../lib/recovery/find-recovery-codes');
    if (findRecoveryCodes(text).length === 0) return setError(t('recoveryNoneOnPage'));
    const reply = await send({
      type: 'recovery/add',
      tabId: tab.id,
      text,
      label: tabState?.site ?? undefined,
    });
    if (!reply.ok) return setError(reply.error.message);
    setError(null);
    setNotice(tn('recoverySavedForSite', reply.codes, tabState?.site ?? ''));
  };

  if (state === null) return <main class="popup" aria-busy="true" />;
  if (state !== 'unlocked') {
    return (
      <main class="popup">
        <VaultGate
          state={state}
          onOpened={() => {
            // First run goes on to adding a first account.
            if (state === 'uninitialized') setView({ name: 'add' });
            void refresh(tab);
          }}
        />
      </main>
    );
  }

  return (
    <main class="popup">
      <header class="bar popup-header">
        <h1 class="brand">Tessera</h1>
        {view.name === 'list' && (
          <>
            <button type="button" class="ghost" onClick={scan} disabled={busy} data-testid="scan">
              {t('scanPage')}
            </button>
            <button
              type="button"
              class="ghost"
              onClick={() => {
                setReturnTo(null);
                setView({ name: 'add' });
              }}
              data-testid="add-account"
            >
              {t('add')}
            </button>
          </>
        )}
        <button
          type="button"
          class="ghost"
          data-testid="lock"
          onClick={async () => {
            await send({ type: 'vault/lock' });
            await refresh(tab);
          }}
        >
          {t('lockNow')}
        </button>
        <button
          type="button"
          class="ghost icon-button"
          data-testid="settings"
          aria-label={t('settings')}
          title={t('settings')}
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          <span aria-hidden="true">⚙</span>
        </button>
        {view.name === 'list' && accounts.length > 0 && (
          <div class="header-search">
            <SearchBox
              query={query}
              onQuery={onQuery}
              activeId={shown[active] ? rowId(shown[active].id) : null}
              listId={ACCOUNT_LIST_ID}
              focus={returnTo === null}
              onMove={(delta) => setActive((i) => Math.max(0, Math.min(shown.length - 1, i + delta)))}
              onEnter={() => shown[active] && primary(shown[active])}
            />
          </div>
        )}
      </header>
      {tabState?.prompt && view.name === 'list' && (
        <p class="status" data-testid="tab-prompt" data-kind={tabState.prompt}>
          {t(`prompt_${tabState.prompt}`)}
          {tabState.frameSite && tabState.site && (
            <span data-testid="tab-prompt-frame">
              {' '}
              {t('promptInFrame', tabState.frameSite, tabState.site)}
            </span>
          )}
        </p>
      )}
      {view.name === 'list' && <BackupDueBanner />}
      {/* Outcomes float over the bottom of the popup: they never push down what the user is about to click. */}
      <div class="popup-notices" aria-live="polite" data-testid="popup-notices">
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        {(view.name === 'list' || view.name === 'pick') && error && (
          <p class="error" role="alert" data-testid="popup-error">
            {error}
          </p>
        )}
        {view.name === 'list' && undo && (
          <p class="notice row" role="status">
            {t('deleted', undo.issuer || undo.label)}
            <button
              type="button"
              class="ghost"
              data-testid="undo"
              onClick={async () => {
                await send({ type: 'account/restore', id: undo.id });
                setUndo(null);
                await refresh(tab);
              }}
            >
              {t('undo')}
            </button>
          </p>
        )}
      </div>
      {view.name === 'list' && tab && (
        <PortalEntry tabId={tab.id} onOpen={(connectionId) => setView({ name: 'security', connectionId })} />
      )}
      {view.name === 'security' && tab && (
        <Security
          connectionId={view.connectionId}
          tabId={tab.id}
          onBack={async () => {
            setView({ name: 'list' });
            await refresh(tab);
          }}
        />
      )}
      {view.name === 'list' && tabState?.prompt === 'recovery' && tab && (
        <RecoveryKeys tabId={tab.id} canFill />
      )}
      {view.name === 'list' && tabState?.bind && tab && (
        <BindOffer
          offer={tabState.bind}
          accounts={accounts}
          tabId={tab.id}
          onBound={async (site) => {
            setError(null);
            setNotice(t('boundAndFilled', site));
            await refresh(tab);
          }}
          onError={setError}
        />
      )}
      {view.name === 'list' && live.error && (
        <p class="error" role="alert">
          {live.error}
        </p>
      )}
      {view.name === 'list' && accounts.length === 0 && (
        <EmptyVault busy={busy} onScan={scan} onAdd={() => setView({ name: 'add' })} />
      )}
      {view.name === 'list' && accounts.length > 0 && (
        <AccountList
          shown={shown}
          hasAccounts={accounts.length > 0}
          codes={live.codes}
          now={live.now}
          active={active}
          onActive={setActive}
          focusId={returnTo}
          canFill={(account) => Boolean(tabState?.prompt) && account.matchesTab}
          onPrimary={primary}
          onCopy={copy}
          onFill={fill}
          onOpen={(account) => {
            setReturnTo(account.id);
            setView({ name: 'detail', account });
          }}
          onEscape={() => document.getElementById('search')?.focus()}
        />
      )}
      {view.name === 'detail' && (
        <AccountDetail
          account={view.account}
          onBack={async () => {
            setView({ name: 'list' });
            await refresh(tab);
          }}
          onDeleted={async (account) => {
            setReturnTo(null);
            setUndo(account);
            setView({ name: 'list' });
            await refresh(tab);
          }}
        />
      )}
      {view.name === 'list' && (
        <footer class="row popup-footer">
          <button
            type="button"
            class="ghost small"
            onClick={saveRecoveryFromPage}
            data-testid="recovery-from-page"
          >
            {t('recoveryFromPage')}
          </button>
        </footer>
      )}
      {view.name === 'pick' && (
        <ScanPick
          codes={view.codes}
          onPick={(text) => void preview(text, true)}
          onCancel={() => setView({ name: 'list' })}
        />
      )}
      {view.name === 'add' && (
        <AddAccount
          busy={busy}
          error={error}
          onPreview={preview}
          onCancel={() => setView({ name: 'list' })}
        />
      )}
      {view.name === 'confirm' && (
        <EnrollCard
          preview={view}
          tabId={tab?.id ?? null}
          onCancel={() => setView({ name: 'list' })}
          onDone={async (added, fillError) => {
            setNotice(tn('addedCount', added), 'list');
            setError(fillError ?? null, 'list');
            setView({ name: 'list' });
            await refresh(tab);
          }}
        />
      )}
    </main>
  );
}
