import { useState } from 'preact/hooks';
import { t } from '../i18n';

interface Props {
  busy: boolean;
  error: string | null;
  onPreview: (text: string) => void;
  onCancel: () => void;
}

/** Builds an otpauth URI from the manual form, so manual entry is parsed and checked like a QR code. */
function manualUri(f: Record<string, string>): string {
  const params = new URLSearchParams({ secret: f.secret ?? '', issuer: f.issuer ?? '' });
  params.set('algorithm', f.algorithm ?? 'SHA1');
  params.set('digits', f.digits ?? '6');
  if (f.type === 'hotp') params.set('counter', f.counter || '0');
  else params.set('period', f.period || '30');
  const label = encodeURIComponent(f.issuer ? `${f.issuer}:${f.label ?? ''}` : (f.label ?? ''));
  return `otpauth://${f.type ?? 'totp'}/${label}?${params}`;
}

/** Add an account by pasting a setup link (otpauth:// or a Google Authenticator export) or by typing the key. */
export function AddAccount({ busy, error, onPreview, onCancel }: Props) {
  const [mode, setMode] = useState<'paste' | 'manual'>('paste');
  const [uri, setUri] = useState('');
  const [form, setForm] = useState<Record<string, string>>({
    type: 'totp',
    algorithm: 'SHA1',
    digits: '6',
    period: '30',
  });
  const field = (name: string) => ({
    value: form[name] ?? '',
    onInput: (e: { currentTarget: HTMLInputElement | HTMLSelectElement }) =>
      setForm({ ...form, [name]: e.currentTarget.value }),
  });

  return (
    <form
      class="card stack"
      onSubmit={(e) => {
        e.preventDefault();
        onPreview(mode === 'paste' ? uri : manualUri(form));
      }}
    >
      <h2>{t('addTitle')}</h2>
      <div class="tabs" role="tablist">
        {(['paste', 'manual'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            class={mode === m ? 'tab tab-on' : 'tab'}
            onClick={() => setMode(m)}
            data-testid={`add-mode-${m}`}
          >
            {t(m === 'paste' ? 'addByLink' : 'addManually')}
          </button>
        ))}
      </div>
      {mode === 'paste' ? (
        <label class="field">
          <span>{t('setupLink')}</span>
          <textarea
            rows={3}
            data-testid="add-uri"
            placeholder="otpauth://totp/…"
            value={uri}
            onInput={(e) => setUri(e.currentTarget.value)}
          />
        </label>
      ) : (
        <>
          <label class="field">
            <span>{t('issuer')}</span>
            <input type="text" data-testid="add-issuer" placeholder="GitHub" {...field('issuer')} />
          </label>
          <label class="field">
            <span>{t('accountName')}</span>
            <input type="text" data-testid="add-label" placeholder="you@example.com" {...field('label')} />
          </label>
          <label class="field">
            <span>{t('secretKey')}</span>
            <input
              type="text"
              data-testid="add-secret"
              autocomplete="off"
              spellcheck={false}
              placeholder="JBSW Y3DP EHPK 3PXP"
              {...field('secret')}
            />
          </label>
          <details>
            <summary>{t('advanced')}</summary>
            <div class="grid2">
              <label class="field">
                <span>{t('codeType')}</span>
                <select {...field('type')}>
                  <option value="totp">{t('typeTotp')}</option>
                  <option value="hotp">{t('typeHotp')}</option>
                  <option value="steam">Steam</option>
                </select>
              </label>
              <label class="field">
                <span>{t('algorithm')}</span>
                <select {...field('algorithm')}>
                  <option>SHA1</option>
                  <option>SHA256</option>
                  <option>SHA512</option>
                </select>
              </label>
              <label class="field">
                <span>{t('digits')}</span>
                <select {...field('digits')}>
                  <option>6</option>
                  <option>7</option>
                  <option>8</option>
                </select>
              </label>
              {form.type === 'hotp' ? (
                <label class="field">
                  <span>{t('counter')}</span>
                  <input type="number" min={0} {...field('counter')} />
                </label>
              ) : (
                <label class="field">
                  <span>{t('period')}</span>
                  <input type="number" min={1} max={3600} {...field('period')} />
                </label>
              )}
            </div>
          </details>
        </>
      )}
      {error && (
        <p class="error" role="alert" data-testid="add-error">
          {error}
        </p>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={busy} data-testid="add-preview">
          {t('continue')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
