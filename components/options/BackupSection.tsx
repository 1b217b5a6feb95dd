import { useState } from 'preact/hooks';
import type { Replies } from '../../lib/messages';
import { MIN_MASTER_PASSWORD_LENGTH } from '../../lib/password/strength';
import { formatDate, masterPasswordErrorText, t, tn } from '../i18n';
import { send } from '../messaging';
import { PasswordInput } from '../PasswordInput';
import { downloadText } from './page-files';

interface Props {
  status: Replies['options/backup/status'] | null;
  onDone: () => void;
}

/** The encrypted backup: reminder of accounts not yet backed up, master password check, optional own password. */
export function BackupSection({ status, onDone }: Props) {
  const [password, setPassword] = useState('');
  const [backupPassword, setBackupPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A too-short backup password is an error only once the user has typed it and moved on, or tried to save.
  const [backupPasswordLeft, setBackupPasswordLeft] = useState(false);
  const tooShort = backupPassword.length > 0 && backupPassword.length < MIN_MASTER_PASSWORD_LENGTH;
  const tooShortShown = tooShort && backupPasswordLeft;

  const exportBackup = async () => {
    setBusy(true);
    setNotice(null);
    const reply = await send({
      type: 'options/export',
      kind: 'backup',
      password,
      ...(backupPassword ? { backupPassword } : {}),
      includeRecoveryKeys: true,
    });
    setBusy(false);
    if (!reply.ok) return setError(masterPasswordErrorText(reply.error));
    setError(null);
    if (reply.kind === 'file') downloadText(reply.fileName, reply.mimeType, reply.content);
    setPassword('');
    setBackupPassword('');
    setBackupPasswordLeft(false);
    setNotice(t('backupSaved'));
    onDone();
  };

  return (
    <section class="card stack" aria-labelledby="backup-title">
      <h3 id="backup-title">{t('backupTitle')}</h3>
      {status && status.addedSince > 0 && (
        <p class="badge-warn reminder" role="status" data-testid="backup-reminder">
          {status.lastBackupAt === null
            ? tn('backupNever', status.total)
            : t('backupOutdated', String(status.addedSince), formatDate(status.lastBackupAt))}
        </p>
      )}
      {status?.required && (
        <p
          class={status.required.overdue ? 'badge-warn reminder' : 'muted small'}
          role={status.required.overdue ? 'alert' : undefined}
          data-testid="backup-required"
          data-overdue={String(status.required.overdue)}
        >
          {status.required.overdue
            ? t('backupOverdue', tn('everyDays', status.required.everyDays))
            : t(
                'backupRequired',
                tn('everyDays', status.required.everyDays),
                formatDate(status.required.dueAt ?? Date.now()),
              )}
        </p>
      )}
      <p class="muted small">{t('backupHelp')}</p>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setBackupPasswordLeft(true);
          if (password && !tooShort && !busy) void exportBackup();
        }}
      >
        <PasswordInput
          label={t('masterPasswordAgain')}
          autocomplete="current-password"
          data-testid="export-password"
          value={password}
          onValue={setPassword}
        />
        <PasswordInput
          label={t('backupPassword')}
          autocomplete="new-password"
          data-testid="backup-password"
          value={backupPassword}
          aria-describedby="backup-password-help"
          aria-invalid={tooShortShown}
          onValue={setBackupPassword}
          onBlur={() => backupPassword && setBackupPasswordLeft(true)}
        />
        <p id="backup-password-help" class={tooShortShown ? 'error small' : 'muted small'}>
          {tooShortShown
            ? t('strength_too_short', String(MIN_MASTER_PASSWORD_LENGTH))
            : t('backupPasswordHelp')}
        </p>
        {error && (
          <p class="error" role="alert" data-testid="backup-error">
            {error}
          </p>
        )}
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <button
          type="submit"
          class="primary"
          data-testid="export-backup"
          disabled={!password || tooShort || busy}
        >
          {busy ? t('working') : t('downloadBackup')}
        </button>
      </form>
    </section>
  );
}
