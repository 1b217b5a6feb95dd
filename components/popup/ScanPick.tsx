import { t } from '../i18n';

interface Props {
  codes: { text: string; label: string }[];
  onPick: (text: string) => void;
  onCancel: () => void;
}

/** Several setup QR codes on one page: the user picks the one to add. */
export function ScanPick({ codes, onPick, onCancel }: Props) {
  return (
    <section class="card stack" aria-labelledby="pick-title" data-testid="scan-pick">
      <h2 id="pick-title">{t('scanPickTitle', String(codes.length))}</h2>
      <ul class="enroll-list">
        {codes.map(({ text, label }) => (
          <li key={text}>
            <button type="button" class="pick" onClick={() => onPick(text)} data-testid="scan-pick-code">
              {label}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
    </section>
  );
}
