import { useState } from 'preact/hooks';
import type { Replies } from '../../lib/messages';
import { t, tn } from '../i18n';
import { send } from '../messaging';

interface Props {
  preview: { text: string } & Replies['enroll/preview'];
  /** The tab the popup is about, where "Add and fill" puts the code. */
  tabId: number | null;
  /** `fillError`: why the code could not be filled after adding, if the user asked for that. */
  onDone: (added: number, fillError?: string) => void;
  onCancel: () => void;
}

/**
 * The confirmation step of every enrollment (scan, paste, manual, migration): what will be added, where it will
 * fill (the page's site only for a scanned code, or one whose issuer names the page; otherwise nowhere until
 * the user chooses), a live code, one click to fill the page's "verify" box when it has one, and what to do
 * about duplicates.
 */
export function EnrollCard({ preview, tabId, onDone, onCancel }: Props) {
  const { text, kind, accounts } = preview;
  const [site, setSite] = useState(preview.site ?? '');
  // A true copy has nothing to add, so it starts unticked (and a lone copy cannot be added at all).
  const [chosen, setChosen] = useState(
    () => new Set(accounts.flatMap((a, i) => (a.duplicate?.kind === 'same' ? [] : [i]))),
  );
  const [duplicates, setDuplicates] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Filling needs the account bound to the page's site; changing the site field withdraws the offer.
  const canFillHere =
    preview.verifyField &&
    tabId !== null &&
    accounts.length === 1 &&
    site.trim().toLowerCase() === preview.site;
  const [fillAfter, setFillAfter] = useState(false);

  const add = async (onDuplicate: 'ask' | 'keep-both' | 'replace' | 'skip', fill = fillAfter) => {
    setFillAfter(fill);
    setBusy(true);
    const host = site.trim().toLowerCase();
    const reply = await send({
      type: 'enroll/add',
      text,
      indexes: [...chosen],
      sites: host ? [{ host, exact: false }] : [],
      onDuplicate,
    });
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    if (reply.added.length === 0 && reply.duplicates.length > 0 && onDuplicate === 'ask') {
      return setDuplicates(reply.duplicates);
    }
    const [added] = reply.added;
    if (fill && added && tabId !== null) {
      const filled = await send({ type: 'fill/tab', tabId, accountId: added });
      const fillError = !filled.ok
        ? filled.error.message
        : filled.filled
          ? undefined
          : (filled.reason ?? t('notFilled'));
      return onDone(reply.added.length, fillError);
    }
    onDone(reply.added.length);
  };

  // A chosen account that renews one in the vault needs the user's word: replace its key, or keep both.
  const renewing =
    duplicates.length > 0 || accounts.some((a, i) => chosen.has(i) && a.duplicate?.kind === 'reenrollment');

  return (
    <section class="card stack" aria-labelledby="enroll-title" data-testid="enroll-card">
      <h2 id="enroll-title">
        {kind === 'migration' ? tn('importTitle', accounts.length) : t('confirmTitle')}
      </h2>
      <ul class="enroll-list">
        {accounts.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a preview list never reorders, and an export may hold two identical names
          <li key={`${a.issuer}:${a.label}:${i}`} class="enroll-item">
            {accounts.length > 1 && (
              <input
                type="checkbox"
                aria-label={t('includeAccount', a.issuer || a.label)}
                checked={chosen.has(i)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.currentTarget.checked) next.add(i);
                  else next.delete(i);
                  setChosen(next);
                }}
              />
            )}
            <div class="account-names">
              <strong data-testid="enroll-issuer">{a.issuer || t('noIssuer')}</strong>
              <span class="muted" data-testid="enroll-label">
                {a.label}
              </span>
              <span class="muted small">
                {a.type === 'hotp'
                  ? t('hotpDetails', String(a.digits), a.algorithm)
                  : t('totpDetails', String(a.digits), String(a.period), a.algorithm)}
              </span>
              {a.weakSecret && <span class="badge-warn">{t('weakSecretHelp')}</span>}
              {a.duplicate && (
                <span class="badge-warn" data-testid="enroll-duplicate" data-duplicate={a.duplicate.kind}>
                  {t(a.duplicate.kind === 'same' ? 'alreadyInVault' : 'reenrollmentBadge')}
                </span>
              )}
            </div>
            {accounts.length === 1 && (
              <output class="code" data-testid="enroll-code" aria-label={t('verifyCodeNoField')}>
                {a.code.code}
              </output>
            )}
          </li>
        ))}
      </ul>
      {accounts.length === 1 && !canFillHere && (
        // Point at a "verify" box only when the page has one.
        <p class="muted small">{t(preview.verifyField ? 'verifyCodeHelp' : 'verifyCodeNoField')}</p>
      )}
      <label class="field">
        <span>{t('fillsOn')}</span>
        <input
          type="text"
          data-testid="enroll-site"
          placeholder="example.com"
          aria-describedby={site.trim() ? undefined : 'enroll-site-empty'}
          value={site}
          onInput={(e) => setSite(e.currentTarget.value)}
        />
      </label>
      {!site.trim() && (
        <p id="enroll-site-empty" class="muted small" data-testid="enroll-site-empty">
          {t('enrollSiteEmpty')}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {renewing ? (
        <fieldset class="stack plain-group" data-testid="enroll-reenrollment">
          <legend>{t('reenrollmentQuestion')}</legend>
          <p class="muted small">{t('reenrollmentChoices')}</p>
          <div class="row">
            <button
              type="button"
              class="primary"
              disabled={busy}
              onClick={() => add('replace')}
              data-testid="enroll-replace"
            >
              {t('replaceOldKey')}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => add('keep-both')}
              data-testid="enroll-keep-both"
            >
              {t('keepBoth')}
            </button>
            <button type="button" onClick={onCancel}>
              {t('cancel')}
            </button>
          </div>
        </fieldset>
      ) : (
        <div class="row">
          {canFillHere && (
            <button
              type="button"
              class="primary"
              disabled={busy}
              onClick={() => add('ask', true)}
              data-testid="enroll-fill"
            >
              {t('enrollAddAndFill')}
            </button>
          )}
          <button
            type="button"
            class={canFillHere ? undefined : 'primary'}
            disabled={busy || chosen.size === 0}
            onClick={() => add('ask', false)}
            data-testid="enroll-add"
          >
            {t(accounts.length > 1 ? 'addSelected' : 'addAccount')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
