import { t } from '../i18n';

interface Props {
  busy: boolean;
  onScan: () => void;
  onAdd: () => void;
}

/** A vault with no account yet: the two ways to add one, as buttons rather than a sentence pointing elsewhere. */
export function EmptyVault({ busy, onScan, onAdd }: Props) {
  return (
    <section class="card stack empty" data-testid="empty-vault" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('emptyTitle')}</h2>
      <p class="muted small">{t('emptyHelp')}</p>
      <div class="row">
        <button type="button" class="primary" disabled={busy} onClick={onScan} data-testid="empty-scan">
          {t('scanPage')}
        </button>
        <button type="button" onClick={onAdd} data-testid="empty-add">
          {t('emptyAdd')}
        </button>
      </div>
    </section>
  );
}
