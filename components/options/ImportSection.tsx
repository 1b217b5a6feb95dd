import { useState } from 'preact/hooks';
import { ImportError } from '../../lib/import/import-error';
import type { ImportResult } from '../../lib/import/result';
import type { Replies } from '../../lib/messages';
import { base64ToBytes } from '../../lib/vault/bytes';
import { t } from '../i18n';
import { send } from '../messaging';
import { PasswordInput } from '../PasswordInput';
import { ImportPreview } from './ImportPreview';
import { readImportFile } from './page-files';

/** Far above any real export; the message limit (16 MiB of text) is checked again by the background. */
const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

type Preview = Extract<Replies['options/import/preview'], { status: 'ready' }>;
type Source = { fileName: string } & ({ text: string } | { base64: string });

/**
 * Restore and import: a Tessera backup or another app's export (file), or pasted otpauth / Google Authenticator
 * export links. The background parses it and answers with a preview; nothing is written before "Import".
 */
export function ImportSection({ onImported }: { onImported: () => void }) {
  const [source, setSource] = useState<Source | null>(null);
  const [pasted, setPasted] = useState('');
  const [passwordPrompt, setPasswordPrompt] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const ask = async (next: Source, withPassword?: string) => {
    setBusy(true);
    setNotice(null);
    setSource(next);
    let parsed: ImportResult | undefined;
    try {
      const { parseUnlessBackup } = await import('../../lib/import/unless-backup');
      parsed = await parseUnlessBackup(
        next.fileName,
        'text' in next ? next.text : base64ToBytes(next.base64),
        withPassword,
      );
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ImportError && failure.code === 'needs-password')
        return setPasswordPrompt(failure.message);
      return setError(failure instanceof Error ? failure.message : String(failure));
    }
    const reply = await send(
      parsed
        ? { type: 'options/import/preview', fileName: next.fileName, parsed }
        : { type: 'options/import/preview', ...next, ...(withPassword ? { password: withPassword } : {}) },
    );
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    setError(null);
    if (reply.status === 'needs-password') return setPasswordPrompt(reply.message);
    setPasswordPrompt(null);
    setPassword('');
    setPreview(reply);
  };

  const reset = () => {
    setPreview(null);
    setSource(null);
    setPasswordPrompt(null);
    setPassword('');
  };

  const confirm = async (indexes: number[], includeRecoveryKeys: boolean, replace: number[]) => {
    if (!preview) return;
    setBusy(true);
    const reply = await send({
      type: 'options/import/confirm',
      importId: preview.importId,
      indexes,
      includeRecoveryKeys,
      replace,
    });
    setBusy(false);
    if (!reply.ok) return setError(reply.error.message);
    reset();
    setPasted('');
    const done = t('importDone', String(reply.added), String(reply.recoveryKeys));
    setNotice(reply.replaced > 0 ? `${done} ${t('importReplaced', String(reply.replaced))}` : done);
    onImported();
  };

  const cancel = async () => {
    if (preview) await send({ type: 'options/import/cancel', importId: preview.importId });
    reset();
  };

  return (
    <section class="card stack" aria-labelledby="import-title">
      <h3 id="import-title">{t('importSectionTitle')}</h3>
      <p class="muted small">{t('importHelp')}</p>
      {!preview && !passwordPrompt && (
        <>
          <label class="field">
            <span>{t('importFile')}</span>
            <input
              type="file"
              data-testid="import-file"
              disabled={busy}
              onChange={async (e) => {
                const file = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (!file) return;
                if (file.size > MAX_IMPORT_BYTES) return setError(t('importTooLarge'));
                await ask({ fileName: file.name, ...(await readImportFile(file)) });
              }}
            />
          </label>
          <label class="field">
            <span>{t('importPaste')}</span>
            <textarea
              rows={4}
              data-testid="import-text"
              placeholder="otpauth://… / otpauth-migration://…"
              value={pasted}
              onInput={(e) => setPasted(e.currentTarget.value)}
            />
          </label>
          <button
            type="button"
            data-testid="import-preview-text"
            disabled={busy || !pasted.trim()}
            onClick={() => void ask({ fileName: 'pasted.txt', text: pasted })}
          >
            {t('continue')}
          </button>
        </>
      )}
      {passwordPrompt && source && (
        // The file input is gone while its password is asked: it would read "No file chosen" (it is emptied
        // so the same file can be picked again); the chosen file's name is shown instead.
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (password) void ask(source, password);
          }}
        >
          <p class="small" data-testid="import-file-name">
            {t('importChosenFile', source.fileName)}
          </p>
          <PasswordInput
            label={passwordPrompt}
            autocomplete="off"
            data-testid="import-password"
            value={password}
            onValue={setPassword}
          />
          <button type="submit" class="primary" data-testid="import-unlock" disabled={!password || busy}>
            {busy ? t('working') : t('openFile')}
          </button>
          <button
            type="button"
            data-testid="import-other-file"
            onClick={() => {
              reset();
              setError(null);
            }}
          >
            {t('importOtherFile')}
          </button>
        </form>
      )}
      {error && (
        <p class="error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      {notice && (
        <p class="notice" role="status" data-testid="import-done">
          {notice}
        </p>
      )}
      {preview && <ImportPreview preview={preview} busy={busy} onConfirm={confirm} onCancel={cancel} />}
    </section>
  );
}
