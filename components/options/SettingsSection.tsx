import type { Replies } from '../../lib/messages';
import type { Policy } from '../../lib/policy';
import { t, tn } from '../i18n';

type Settings = Replies['options/settings/get']['settings'];

const AUTOLOCK_CHOICES = [1, 5, 15, 30, 60, 240];
/** Seconds; 0 leaves a copied code on the clipboard. */
const CLIPBOARD_CHOICES = [0, 15, 30, 60, 120];

interface Props {
  settings: Settings;
  policy: Policy;
  onChange: (patch: Partial<Settings>) => void;
}

/** The offered choices, plus the stored value when it is not one of them (set by an older version). */
const withCurrent = (choices: number[], current: number): number[] =>
  choices.includes(current) ? choices : [...choices, current].sort((a, b) => a - b);

/** The auto-lock time, capped by the organisation's policy when there is one; saved at once. */
export function AutoLockSetting({ settings, policy, onChange }: Props) {
  const maxAutoLock = policy.maxAutoLockMinutes;
  return (
    <div class="card stack">
      <label class="field">
        <span>{t('autoLockAfter')}</span>
        <select
          data-testid="autolock"
          value={String(settings.autoLockMinutes)}
          onChange={(e) => onChange({ autoLockMinutes: Number(e.currentTarget.value) })}
        >
          {withCurrent(AUTOLOCK_CHOICES, settings.autoLockMinutes).map((m) => (
            // Longer times than the organisation allows stay visible but cannot be picked.
            <option key={m} value={m} disabled={maxAutoLock !== undefined && m > maxAutoLock}>
              {tn('minutes', m)}
            </option>
          ))}
        </select>
        {maxAutoLock !== undefined && (
          <small class="muted" data-testid="managed-autolock">
            {t('managedAutoLock', tn('minutes', maxAutoLock))}
          </small>
        )}
      </label>
    </div>
  );
}

/** Clipboard clearing and theme; each change is saved at once. */
export function SettingsSection({ settings, onChange }: Omit<Props, 'policy'>) {
  return (
    <div class="card stack">
      <label class="field">
        <span>{t('clipboardClear')}</span>
        <select
          data-testid="clipboard-clear"
          value={String(settings.clipboardClearSeconds)}
          onChange={(e) => onChange({ clipboardClearSeconds: Number(e.currentTarget.value) })}
        >
          {withCurrent(CLIPBOARD_CHOICES, settings.clipboardClearSeconds).map((s) => (
            <option key={s} value={s}>
              {s === 0 ? t('clipboardNever') : tn('seconds', s)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('theme')}</span>
        <select
          data-testid="theme"
          value={settings.theme}
          onChange={(e) => onChange({ theme: e.currentTarget.value as Settings['theme'] })}
        >
          <option value="system">{t('themeSystem')}</option>
          <option value="light">{t('themeLight')}</option>
          <option value="dark">{t('themeDark')}</option>
        </select>
      </label>
    </div>
  );
}
