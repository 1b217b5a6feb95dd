import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Replies } from '../../lib/messages';
import { t } from '../i18n';
import { send } from '../messaging';
import { VaultGate } from '../PasswordForm';
import { applyTheme } from '../theme';
import { BackupSection } from './BackupSection';
import { ChangePassword } from './ChangePassword';
import { ConnectedPortals } from './ConnectedPortals';
import { ImportSection } from './ImportSection';
import { OptionsGroup, OptionsNav } from './OptionsNav';
import { PlainExportSection } from './PlainExportSection';
import { AutoLockSetting, SettingsSection } from './SettingsSection';
import { SiteBindings } from './SiteBindings';

type VaultState = Replies['vault/status']['state'];
type SettingsReply = Replies['options/settings/get'];
type Settings = SettingsReply['settings'];

/**
 * The options page: site bindings, backup and restore, security (auto-lock, master password, unencrypted export),
 * connected sites and settings, each a section reached from the navigation. It needs the vault unlocked (or
 * created, on a fresh profile, before restoring a backup into it).
 */
export function OptionsApp() {
  const [state, setState] = useState<VaultState | null>(null);
  const [settings, setSettings] = useState<SettingsReply | null>(null);
  const [accounts, setAccounts] = useState<Replies['options/accounts/list']['accounts']>([]);
  const [backup, setBackup] = useState<Replies['options/backup/status'] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const [status, stored] = await Promise.all([
      send({ type: 'vault/status' }),
      send({ type: 'options/settings/get' }),
    ]);
    if (!status.ok) return setError(status.error.message);
    if (stored.ok) {
      setSettings(stored);
      applyTheme(stored.settings.theme);
    }
    if (status.state === 'unlocked') {
      const [list, reminder] = await Promise.all([
        send({ type: 'options/accounts/list' }),
        send({ type: 'options/backup/status' }),
      ]);
      if (list.ok) setAccounts(list.accounts);
      if (reminder.ok) setBackup(reminder);
    }
    // Set last, so the sections never show before the accounts they list.
    setState(status.state);
  }, []);

  useEffect(() => {
    void refresh();
    // An administrator's policy change shows (and locks) at once; the background enforces it either way.
    const onChanged = (_: unknown, area: string) => area === 'managed' && void refresh();
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [refresh]);

  const changeSettings = async (patch: Partial<Settings>) => {
    const reply = await send({ type: 'options/settings/set', settings: patch });
    if (!reply.ok) return setError(reply.error.message);
    setSettings(reply);
    applyTheme(reply.settings.theme);
  };

  if (state === null) return <main class="options" aria-busy="true" />;
  if (state !== 'unlocked') {
    return (
      <main class="options stack">
        <h1>{t('optionsTitle')}</h1>
        {state === 'uninitialized' && <p class="muted">{t('optionsSetupFirst')}</p>}
        <VaultGate state={state} onOpened={() => void refresh()} />
      </main>
    );
  }

  return (
    <main class="options options-page">
      <h1>{t('optionsTitle')}</h1>
      <OptionsNav />
      <div class="options-sections stack">
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <OptionsGroup id="accounts">
          <SiteBindings accounts={accounts} onChanged={refresh} />
        </OptionsGroup>
        <OptionsGroup id="backup">
          <BackupSection status={backup} onDone={refresh} />
          <ImportSection onImported={refresh} />
        </OptionsGroup>
        <OptionsGroup id="security">
          {settings && (
            <AutoLockSetting
              settings={settings.settings}
              policy={settings.policy}
              onChange={changeSettings}
            />
          )}
          <ChangePassword />
          <PlainExportSection disabledByPolicy={settings?.policy.disablePlainExport === true} />
        </OptionsGroup>
        <OptionsGroup id="connected">
          <ConnectedPortals />
        </OptionsGroup>
        <OptionsGroup id="settings">
          {settings && <SettingsSection settings={settings.settings} onChange={changeSettings} />}
        </OptionsGroup>
      </div>
    </main>
  );
}
