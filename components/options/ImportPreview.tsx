import { useState } from 'preact/hooks';
import type { Replies } from '../../lib/messages';
import { t } from '../i18n';

type Preview = Extract<Replies['options/import/preview'], { status: 'ready' }>;

interface Props {
  preview: Preview;
  busy: boolean;
  onConfirm: (indexes: number[], includeRecoveryKeys: boolean) => void;
  onCancel: () => void;
}

/** What an import would add: every entry with its duplicate mark (unticked), the failures with reasons. */
export function ImportPreview({ preview, busy, onConfirm, onCancel }: Props) {
  const [chosen, setChosen] = useState(
    () => new Set(preview.entries.filter((e) => e.duplicate === null).map((e) => e.index)),
  );
  const [withKeys, setWithKeys] = useState(true);

  const toggle = (index: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(index);
    else next.delete(index);
    setChosen(next);
  };

  return (
    <div class="stack" data-testid="import-preview">
      <h3>{t('importPreviewTitle', String(preview.entries.length))}</h3>
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
            {entry.duplicate && (
              <span class="badge-warn">
                {t(entry.duplicate === 'vault' ? 'alreadyInVault' : 'repeatedInFile')}
              </span>
            )}
          </li>
        ))}
      </ul>
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
      <div class="row">
        <button
          type="button"
          class="primary"
          data-testid="import-confirm"
          disabled={busy || (chosen.size === 0 && !(withKeys && preview.recoveryKeys > 0))}
          onClick={() =>
            onConfirm(
              [...chosen].sort((a, b) => a - b),
              withKeys,
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
