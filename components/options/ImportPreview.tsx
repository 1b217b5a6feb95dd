import { useState } from 'preact/hooks';
import type { Replies } from '../../lib/messages';
import { t } from '../i18n';

type Preview = Extract<Replies['options/import/preview'], { status: 'ready' }>;
type Duplicate = NonNullable<Preview['entries'][number]['duplicate']>;

const DUPLICATE_BADGES: Record<Duplicate, string> = {
  vault: 'alreadyInVault',
  file: 'repeatedInFile',
  reenrollment: 'reenrollmentBadge',
};

interface Props {
  preview: Preview;
  busy: boolean;
  onConfirm: (indexes: number[], includeRecoveryKeys: boolean, replace: number[]) => void;
  onCancel: () => void;
}

/**
 * What an import would add: every entry with its duplicate mark (unticked), the failures with reasons. A
 * re-enrollment (same names as a vault account, new key) is imported only once the user picks "Replace the old
 * key" or "Keep both" for it.
 */
export function ImportPreview({ preview, busy, onConfirm, onCancel }: Props) {
  const [chosen, setChosen] = useState(
    () => new Set(preview.entries.filter((e) => e.duplicate === null).map((e) => e.index)),
  );
  const [replace, setReplace] = useState(() => new Set<number>());
  const [withKeys, setWithKeys] = useState(true);

  const toggle = (index: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(index);
    else next.delete(index);
    setChosen(next);
  };
  const renew = (index: number, replaceOld: boolean) => {
    const next = new Set(replace);
    if (replaceOld) next.add(index);
    else next.delete(index);
    setReplace(next);
    toggle(index, true);
  };
  const reenrollments = preview.entries.some((e) => e.duplicate === 'reenrollment');
  // A re-enrollment picked in bulk keeps both keys until the user says "Replace" for it.
  const select = (which: (entry: Preview['entries'][number]) => boolean) =>
    setChosen(new Set(preview.entries.filter(which).map((e) => e.index)));

  return (
    <div class="stack" data-testid="import-preview">
      <h3>{t('importPreviewTitle', String(preview.entries.length))}</h3>
      <div class="row">
        <button type="button" data-testid="import-select-all" onClick={() => select(() => true)}>
          {t('selectAll')}
        </button>
        <button type="button" data-testid="import-select-none" onClick={() => select(() => false)}>
          {t('selectNone')}
        </button>
        <button
          type="button"
          data-testid="import-select-new"
          onClick={() => select((e) => e.duplicate === null)}
        >
          {t('selectOnlyNew')}
        </button>
      </div>
      <ul class="enroll-list">
        {preview.entries.map((entry) => (
          <li
            key={entry.index}
            class="enroll-item import-entry"
            data-testid="import-entry"
            data-duplicate={entry.duplicate ?? ''}
          >
            <input
              type="checkbox"
              data-testid="import-pick"
              aria-label={t('includeAccount', entry.issuer || entry.label)}
              checked={chosen.has(entry.index)}
              onChange={(e) => toggle(entry.index, e.currentTarget.checked)}
            />
            <div class="account-names">
              <strong>{entry.issuer || t('noIssuer')}</strong>
              <span class="muted small">{entry.label}</span>
            </div>
            {entry.duplicate && <span class="badge-warn">{t(DUPLICATE_BADGES[entry.duplicate])}</span>}
            {entry.duplicate === 'reenrollment' && (
              <div class="row import-renew">
                <label class="check">
                  <input
                    type="radio"
                    name={`renew-${entry.index}`}
                    data-testid="import-replace"
                    checked={chosen.has(entry.index) && replace.has(entry.index)}
                    onChange={() => renew(entry.index, true)}
                  />
                  {t('replaceOldKey')}
                </label>
                <label class="check">
                  <input
                    type="radio"
                    name={`renew-${entry.index}`}
                    data-testid="import-keep-both"
                    checked={chosen.has(entry.index) && !replace.has(entry.index)}
                    onChange={() => renew(entry.index, false)}
                  />
                  {t('keepBoth')}
                </label>
              </div>
            )}
          </li>
        ))}
      </ul>
      {reenrollments && (
        <p class="muted small" data-testid="import-reenrollment-help">
          {t('reenrollmentChoices')}
        </p>
      )}
      {preview.failures.length > 0 && (
        <div class="stack">
          <h3>{t('importFailuresTitle', String(preview.failures.length))}</h3>
          <ul class="failures">
            {preview.failures.map((failure, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the failure list is fixed for one preview
              <li key={i} data-testid="import-failure">
                <strong>{failure.entry}</strong>: {failure.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.recoveryKeys > 0 && (
        <label class="check">
          <input
            type="checkbox"
            data-testid="import-recovery"
            checked={withKeys}
            onChange={(e) => setWithKeys(e.currentTarget.checked)}
          />
          {t('importRecoveryKeys', String(preview.recoveryKeys))}
        </label>
      )}
      {/* Stays at the bottom of the window while the list scrolls: the count and Import are always in reach. */}
      <div class="row sticky-actions">
        <span class="small" aria-live="polite" data-testid="import-count">
          {t('importSelectedCount', String(chosen.size), String(preview.entries.length))}
        </span>
        <button
          type="button"
          class="primary"
          data-testid="import-confirm"
          disabled={busy || (chosen.size === 0 && !(withKeys && preview.recoveryKeys > 0))}
          onClick={() =>
            onConfirm(
              [...chosen].sort((a, b) => a - b),
              withKeys,
              [...replace].filter((index) => chosen.has(index)),
            )
          }
        >
          {t('importChosen', String(chosen.size))}
        </button>
        <button type="button" data-testid="import-cancel" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
