import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { send } from '../messaging';
import { PasswordInput } from '../PasswordInput';
import { downloadText } from './page-files';

interface QrCodes {
  images: string[];
  skipped: string[];
}

/** Unencrypted exports to move to another app or a phone, behind a warning and the master password. */
export function PlainExportSection({ disabledByPolicy }: { disabledByPolicy: boolean }) {
  const [kind, setKind] = useState<'otpauth' | 'migration'>('otpauth');
  const [withKeys, setWithKeys] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [password, setPassword] = useState('');
  const [qr, setQr] = useState<QrCodes | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const exportPlain = async () => {
    setBusy(true);
    const reply = await send({ type: 'options/export', kind, password, includeRecoveryKeys: withKeys });
    if (!reply.ok) {
      setBusy(false);
      return setError(reply.error.message);
    }
    setError(null);
    setPassword('');
    if (reply.kind === 'file') downloadText(reply.fileName, reply.mimeType, reply.content);
    else {
      // Loaded only here: the QR writer and the protobuf encoder are not needed for anything else on this page.
      const [{ toDataURL }, { migrationExport }] = await Promise.all([
        import('qrcode'),
        import('../../lib/export/plain'),
      ]);
      const { uris, skipped } = migrationExport(reply.accounts);
      const images = await Promise.all(uris.map((uri) => toDataURL(uri, { margin: 2, width: 320 })));
      setQr({ images, skipped });
    }
    setBusy(false);
  };

  if (disabledByPolicy) {
    return (
      <section class="card stack" aria-labelledby="plain-title">
        <h3 id="plain-title">{t('plainExportTitle')}</h3>
        <p class="muted" data-testid="managed-plain-export">
          {t('managedPlainExport')}
        </p>
      </section>
    );
  }
  return (
    <section class="card stack" aria-labelledby="plain-title">
      <h3 id="plain-title">{t('plainExportTitle')}</h3>
      <p class="warning" role="note">
        {t('plainExportWarning')}
      </p>
      <fieldset class="stack plain-kinds">
        <legend class="small">{t('plainExportKind')}</legend>
        <label class="check">
          <input
            type="radio"
            name="plain-kind"
            data-testid="plain-kind-otpauth"
            checked={kind === 'otpauth'}
            onChange={() => setKind('otpauth')}
          />
          {t('plainExportOtpauth')}
        </label>
        <label class="check">
          <input
            type="radio"
            name="plain-kind"
            data-testid="plain-kind-migration"
            checked={kind === 'migration'}
            onChange={() => setKind('migration')}
          />
          {t('plainExportMigration')}
        </label>
      </fieldset>
      {kind === 'otpauth' && (
        <label class="check">
          <input
            type="checkbox"
            data-testid="plain-recovery"
            checked={withKeys}
            onChange={(e) => setWithKeys(e.currentTarget.checked)}
          />
          {t('plainExportRecovery')}
        </label>
      )}
      <label class="check">
        <input
          type="checkbox"
          data-testid="plain-understood"
          checked={understood}
          onChange={(e) => setUnderstood(e.currentTarget.checked)}
        />
        {t('plainExportUnderstood')}
      </label>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (understood && password && !busy) void exportPlain();
        }}
      >
        <PasswordInput
          label={t('masterPasswordAgain')}
          autocomplete="current-password"
          data-testid="plain-password"
          value={password}
          onValue={setPassword}
        />
        {error && (
          <p class="error" role="alert" data-testid="plain-error">
            {error}
          </p>
        )}
        <button type="submit" data-testid="export-plain" disabled={!understood || !password || busy}>
          {busy ? t('working') : t(kind === 'otpauth' ? 'downloadPlain' : 'showQrCodes')}
        </button>
      </form>
      {qr && (
        <div class="stack" data-testid="export-qr">
          {qr.skipped.length > 0 && <p class="badge-warn">{t('qrSkipped', qr.skipped.join(', '))}</p>}
          {qr.images.map((src, i) => (
            <figure key={src} class="qr">
              <img src={src} alt={t('qrCodeOf', String(i + 1), String(qr.images.length))} />
              <figcaption class="small muted">
                {t('qrCodeOf', String(i + 1), String(qr.images.length))}
              </figcaption>
            </figure>
          ))}
          <button type="button" data-testid="export-qr-hide" onClick={() => setQr(null)}>
            {t('hideQrCodes')}
          </button>
        </div>
      )}
    </section>
  );
}
