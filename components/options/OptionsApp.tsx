import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../i18n';

const AUTOLOCK_CHOICES = [1, 5, 15, 30, 60, 240];

/** Settings page. Auto-lock is read by the background on every alarm, so a change applies at once. */
export function OptionsApp() {
  const [autoLock, setAutoLock] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void browser.storage.local.get('settings').then(({ settings }) => {
      const minutes = (settings as { autoLockMinutes?: number } | undefined)?.autoLockMinutes;
      setAutoLock(typeof minutes === 'number' ? minutes : 15);
    });
  }, []);

  const save = async (minutes: number) => {
    const { settings } = await browser.storage.local.get('settings');
    await browser.storage.local.set({
      settings: { ...(settings as object | undefined), autoLockMinutes: minutes },
    });
    setAutoLock(minutes);
    setSaved(true);
  };

  return (
    <main class="options stack">
      <h1>{t('optionsTitle')}</h1>
      <section class="card stack">
        <h2>{t('security')}</h2>
        <label class="field">
          <span>{t('autoLockAfter')}</span>
          <select
            data-testid="autolock"
            value={String(autoLock ?? 15)}
            onChange={(e) => void save(Number(e.currentTarget.value))}
          >
            {AUTOLOCK_CHOICES.map((m) => (
              <option key={m} value={m}>
                {t('minutes', String(m))}
              </option>
            ))}
          </select>
        </label>
        {saved && (
          <p class="notice" role="status">
            {t('saved')}
          </p>
        )}
      </section>
    </main>
  );
}
