import { useState } from 'preact/hooks';
import type { EnrollPreview } from '../../lib/messages';
import { t, tn } from '../i18n';
import { send } from '../messaging';

interface Props {
  text: string;
  kind: 'otpauth' | 'migration';
  accounts: EnrollPreview[];
  defaultSite: string | null;
  onDone: (added: number) => void;
  onCancel: () => void;
}

/**
 * The confirmation step of every enrollment (scan, paste, manual, migration): what will be added, where it will
 * fill, a live code to type into the site's "verify" box, and what to do about duplicates.
 */
export function EnrollCard({ text, kind, accounts, defaultSite, onDone, onCancel }: Props) {
  const [site, setSite] = useState(defaultSite ?? '');
  const [chosen, setChosen] = useState(() => new Set(accounts.map((_, i) => i)));
  const [duplicates, setDuplicates] = useState<number[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (onDuplicate: 'ask' | 'keep-both' | 'replace' | 'skip') => {
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
    onDone(reply.added.length);
  };

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
              {a.duplicateOf.length > 0 && <span class="badge-warn">{t('alreadyInVault')}</span>}
            </div>
            {accounts.length === 1 && (
              <output class="code" data-testid="enroll-code" aria-label={t('verifyCodeHelp')}>
                {a.code.code}
              </output>
            )}
          </li>
        ))}
      </ul>
      {accounts.length === 1 && <p class="muted small">{t('verifyCodeHelp')}</p>}
      <label class="field">
        <span>{t('fillsOn')}</span>
        <input
          type="text"
          data-testid="enroll-site"
          placeholder="example.com"
          value={site}
          onInput={(e) => setSite(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {duplicates.length > 0 ? (
        <div class="stack" role="alert">
          <p>{tn('duplicateQuestion', duplicates.length)}</p>
          <div class="row">
            <button
              type="button"
              class="primary"
              disabled={busy}
              onClick={() => add('replace')}
              data-testid="dup-replace"
            >
              {t('replace')}
            </button>
            <button
              type="button"
              disabled={busy}
              onClick={() => add('keep-both')}
              data-testid="dup-keep-both"
            >
              {t('keepBoth')}
            </button>
          </div>
        </div>
      ) : (
        <div class="row">
          <button
            type="button"
            class="primary"
            disabled={busy || chosen.size === 0}
            onClick={() => add('ask')}
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
