import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Replies } from '../../lib/messages';
import { t, tn } from '../i18n';
import { send } from '../messaging';

type Required = NonNullable<Replies['options/backup/status']['required']>;

/**
 * The backup an organisation requires, once it is past due. It has no close button on purpose: it stays until
 * a backup is made.
 */
export function BackupDueBanner() {
  const [due, setDue] = useState<Required | null>(null);
  useEffect(() => {
    void send({ type: 'options/backup/status' }).then((reply) => {
      if (reply.ok && reply.required?.overdue) setDue(reply.required);
    });
  }, []);
  if (!due) return null;
  return (
    <p class="badge-warn reminder row" role="alert" data-testid="backup-overdue">
      {t('backupOverdue', tn('everyDays', due.everyDays))}
      <button
        type="button"
        class="ghost"
        data-testid="backup-overdue-open"
        onClick={() => void browser.runtime.openOptionsPage()}
      >
        {t('backupNow')}
      </button>
    </p>
  );
}
