import { useCallback, useEffect, useState } from 'preact/hooks';
import type { RecoveryKeyContent, RecoveryKeyView } from '../../lib/messages';
import { copySecretText } from '../clipboard';
import { t, tn } from '../i18n';
import { send } from '../messaging';
import { PasswordInput } from '../PasswordInput';
import { type Outcome, StatusMessage } from '../StatusMessage';

interface Props {
  /** Keys of this account; or, with `tabId`, of the site open in that tab. */
  accountId?: string;
  tabId?: number;
  /** A recovery prompt is open in the tab: offer to fill the next unused code. */
  canFill?: boolean;
}

/** Saves a text as a file through a temporary link: the popup has no other way to hand the user a file. */
function download(name: string, href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = name;
  link.click();
}

/** Reads a file the user picked as text (for codes) and as base64 (to keep the file itself). */
async function readFile(file: File): Promise<{ text: string; base64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return { text: new TextDecoder().decode(bytes), base64: btoa(binary) };
}

/**
 * Recovery keys of an account or a site: add by paste or file, see them only after typing the master password
 * again, copy, download, mark single-use codes as used, and fill the next code into a recovery prompt.
 */
export function RecoveryKeys({ accountId, tabId, canFill }: Props) {
  const [keys, setKeys] = useState<RecoveryKeyView[]>([]);
  const [adding, setAdding] = useState(false);
  const [paste, setPaste] = useState('');
  const [revealing, setRevealing] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [content, setContent] = useState<{ id: string; value: RecoveryKeyContent } | null>(null);
  const [message, setMessage] = useState<Outcome | null>(null);
  /** A key and the action awaiting a second click: filling spends a single-use code, deleting loses it. */
  const [confirming, setConfirming] = useState<{ id: string; action: 'fill' | 'delete' } | null>(null);

  const load = useCallback(async () => {
    const reply = await send({ type: 'recovery/list', accountId, tabId: accountId ? undefined : tabId });
    if (reply.ok) setKeys(reply.keys);
  }, [accountId, tabId]);
  useEffect(() => {
    void load();
  }, [load]);

  const report = (reply: { ok: boolean; error?: { message: string } }, success: string) => {
    setMessage(
      reply.ok ? { error: false, text: success } : { error: true, text: reply.error?.message ?? '' },
    );
    return reply.ok;
  };

  const add = async (text?: string, file?: { name: string; base64: string }) => {
    const reply = await send({
      type: 'recovery/add',
      accountId,
      tabId: accountId ? undefined : tabId,
      text,
      file,
    });
    if (report(reply, reply.ok ? tn('recoverySaved', reply.codes) : '')) {
      setAdding(false);
      setPaste('');
      await load();
    }
  };

  const reveal = async (id: string) => {
    const reply = await send({ type: 'recovery/reveal', id, password });
    setPassword('');
    if (!reply.ok) return setMessage({ error: true, text: reply.error.message });
    setRevealing(null);
    setMessage(null);
    const { ok: _ok, ...value } = reply;
    setContent({ id, value });
  };

  return (
    <section class="stack" aria-labelledby="recovery-title" data-testid="recovery-keys">
      <h2 id="recovery-title">{t('recoveryKeys')}</h2>
      {keys.length === 0 && <p class="muted small">{t('recoveryNone')}</p>}
      <ul class="enroll-list">
        {keys.map((key) => (
          <li key={key.id} class="stack recovery-key" data-testid="recovery-key">
            <div class="row">
              <strong>{key.label ?? key.fileName ?? key.site ?? t('recoveryKey')}</strong>
              <span class="muted small">
                {key.kind === 'codes'
                  ? tn('recoveryLeft', key.total - key.used, String(key.total))
                  : t(`recoveryKind_${key.kind}`)}
              </span>
            </div>
            <div class="row">
              {canFill && key.kind === 'codes' && key.used < key.total && (
                <button
                  type="button"
                  class="primary"
                  data-testid="recovery-fill"
                  onClick={async () => {
                    if (confirming?.id !== key.id || confirming.action !== 'fill') {
                      return setConfirming({ id: key.id, action: 'fill' });
                    }
                    setConfirming(null);
                    const reply = await send({ type: 'recovery/fill', tabId: tabId ?? -1, id: key.id });
                    if (reply.ok && !reply.filled) setMessage({ error: true, text: reply.reason ?? '' });
                    else report(reply, reply.ok ? tn('recoveryFilled', reply.remaining) : '');
                    await load();
                  }}
                >
                  {t(
                    confirming?.id === key.id && confirming.action === 'fill'
                      ? 'recoveryFillConfirm'
                      : 'recoveryFill',
                  )}
                </button>
              )}
              <button
                type="button"
                onClick={() => setRevealing(revealing === key.id ? null : key.id)}
                data-testid="recovery-show"
              >
                {t('show')}
              </button>
              <button
                type="button"
                class="ghost"
                onClick={async () => {
                  if (confirming?.id !== key.id || confirming.action !== 'delete') {
                    return setConfirming({ id: key.id, action: 'delete' });
                  }
                  setConfirming(null);
                  await send({ type: 'recovery/delete', id: key.id });
                  await load();
                }}
              >
                {t(
                  confirming?.id === key.id && confirming.action === 'delete'
                    ? 'recoveryDeleteConfirm'
                    : 'delete',
                )}
              </button>
            </div>
            {revealing === key.id && (
              <form
                class="row"
                onSubmit={(e) => {
                  e.preventDefault();
                  void reveal(key.id);
                }}
              >
                <PasswordInput
                  label={t('masterPassword')}
                  hideLabel
                  placeholder={t('masterPassword')}
                  data-testid="recovery-password"
                  value={password}
                  onValue={setPassword}
                />
                <button type="submit">{t('show')}</button>
              </form>
            )}
            {content?.id === key.id && (
              <RecoveryContent keyId={key.id} content={content.value} onChanged={load} />
            )}
          </li>
        ))}
      </ul>
      <StatusMessage outcome={message} />
      {adding ? (
        <div class="stack">
          <label class="field">
            <span>{t('recoveryPaste')}</span>
            <textarea
              rows={4}
              data-testid="recovery-text"
              value={paste}
              onInput={(e) => setPaste(e.currentTarget.value)}
            />
          </label>
          <div class="row">
            <button
              type="button"
              class="primary"
              disabled={!paste.trim()}
              onClick={() => add(paste)}
              data-testid="recovery-save"
            >
              {t('save')}
            </button>
            <label class="button-like">
              {t('recoveryUpload')}
              <input
                type="file"
                class="visually-hidden"
                data-testid="recovery-file"
                onChange={async (e) => {
                  const file = e.currentTarget.files?.[0];
                  if (!file) return;
                  const { text, base64 } = await readFile(file);
                  await add(text, { name: file.name, base64 });
                }}
              />
            </label>
            <button type="button" onClick={() => setAdding(false)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setAdding(true)} data-testid="recovery-add">
          {t('recoveryAdd')}
        </button>
      )}
    </section>
  );
}

/** The codes, text or file of a key after the password was typed again. */
function RecoveryContent({
  keyId,
  content,
  onChanged,
}: {
  keyId: string;
  content: RecoveryKeyContent;
  onChanged: () => void;
}) {
  const [codes, setCodes] = useState(content.kind === 'codes' ? content.codes : []);
  if (content.kind === 'file') {
    return (
      <button
        type="button"
        onClick={() => download(content.fileName, `data:application/octet-stream;base64,${content.base64}`)}
      >
        {t('download', content.fileName)}
      </button>
    );
  }
  const text = content.kind === 'text' ? content.text : codes.map((c) => c.value).join('\n');
  return (
    <div class="stack">
      {content.kind === 'codes' ? (
        <ol class="recovery-codes" data-testid="recovery-codes">
          {codes.map((c, i) => (
            <li key={c.value} class={c.used ? 'used' : ''}>
              <code>{c.value}</code>
              {c.used ? (
                <span class="muted small">{t('used')}</span>
              ) : (
                <button
                  type="button"
                  class="ghost"
                  onClick={async () => {
                    const reply = await send({ type: 'recovery/mark-used', id: keyId, index: i });
                    if (reply.ok) {
                      setCodes(codes.map((x, j) => (j === i ? { ...x, used: true } : x)));
                      onChanged();
                    }
                  }}
                >
                  {t('markUsed')}
                </button>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <pre class="recovery-text">{text}</pre>
      )}
      <div class="row">
        <button type="button" onClick={() => void copySecretText(text)} data-testid="recovery-copy">
          {t('copy')}
        </button>
        <button
          type="button"
          onClick={() =>
            download('recovery-codes.txt', `data:text/plain;charset=utf-8,${encodeURIComponent(text)}`)
          }
        >
          {t('download', 'recovery-codes.txt')}
        </button>
      </div>
    </div>
  );
}
