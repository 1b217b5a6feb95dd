import { useState } from 'preact/hooks';
import type { AccountView, Code, PageRequest } from '../../lib/messages';
import { t } from '../i18n';
import { send } from '../messaging';
import { RecoveryKeys } from './RecoveryKeys';

type AccountPatch = Extract<PageRequest, { type: 'account/update' }>['patch'];

interface Props {
  account: AccountView;
  onBack: () => void;
  onDeleted: (account: AccountView) => void;
}

/** One account: rename, the sites it fills on, pin, the next HOTP code, its recovery keys, delete. */
export function AccountDetail({ account: initial, onBack, onDeleted }: Props) {
  const [account, setAccount] = useState(initial);
  const [issuer, setIssuer] = useState(initial.issuer);
  const [label, setLabel] = useState(initial.label);
  const [newSite, setNewSite] = useState('');
  const [hotp, setHotp] = useState<Code | null>(null);
  const [error, setError] = useState<string | null>(null);

  const update = async (patch: AccountPatch) => {
    const reply = await send({ type: 'account/update', id: account.id, patch });
    if (!reply.ok) return setError(reply.error.message);
    setError(null);
    setAccount(reply.account);
  };

  return (
    <section class="card stack" aria-labelledby="detail-title" data-testid="account-detail">
      <div class="bar">
        <button type="button" class="ghost" onClick={onBack} aria-label={t('back')}>
          ←
        </button>
        <h2 id="detail-title" class="brand">
          {account.issuer || account.label}
        </h2>
      </div>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void update({ issuer: issuer.trim(), label: label.trim() });
        }}
      >
        <label class="field">
          <span>{t('issuer')}</span>
          <input
            type="text"
            value={issuer}
            onInput={(e) => setIssuer(e.currentTarget.value)}
            data-testid="detail-issuer"
          />
        </label>
        <label class="field">
          <span>{t('accountName')}</span>
          <input
            type="text"
            value={label}
            onInput={(e) => setLabel(e.currentTarget.value)}
            data-testid="detail-label"
          />
        </label>
        <button
          type="submit"
          disabled={issuer === account.issuer && label === account.label}
          data-testid="detail-save"
        >
          {t('save')}
        </button>
      </form>

      <fieldset class="stack">
        <legend>{t('fillsOn')}</legend>
        {account.sites.length === 0 && <p class="muted small">{t('noSites')}</p>}
        <ul class="sites">
          {account.sites.map((site) => (
            <li key={site.host} class="row">
              <code title={t(site.exact ? 'siteExact' : 'siteWhole', site.host)}>{site.host}</code>
              {site.exact && <span class="muted small">{t('exactHost')}</span>}
              <button
                type="button"
                class="ghost"
                aria-label={t('removeSite', site.host)}
                onClick={() => update({ sites: account.sites.filter((s) => s !== site) })}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            // The background turns a typed host or URL into the site rule (and refuses what names no host).
            const host = newSite.trim();
            if (host)
              void update({ sites: [...account.sites, { host, exact: false }] }).then(() => setNewSite(''));
          }}
        >
          <input
            type="text"
            placeholder="example.com"
            aria-label={t('addSite')}
            value={newSite}
            onInput={(e) => setNewSite(e.currentTarget.value)}
            data-testid="detail-site"
          />
          <button type="submit">{t('addSite')}</button>
        </form>
      </fieldset>

      <div class="row">
        <label class="row">
          <input
            type="checkbox"
            checked={account.pinned !== null}
            onChange={(e) => update({ pinned: e.currentTarget.checked ? 0 : null })}
            data-testid="detail-pin"
          />
          {t('pinned')}
        </label>
        {account.pinned !== null &&
          (['up', 'down'] as const).map((direction) => (
            <button
              key={direction}
              type="button"
              class="ghost"
              data-testid={`detail-move-${direction}`}
              onClick={async () => {
                const reply = await send({ type: 'account/move', id: account.id, direction });
                if (!reply.ok) setError(reply.error.message);
                else if (!reply.moved) setError(t(direction === 'up' ? 'alreadyFirst' : 'alreadyLast'));
                else setError(null);
              }}
            >
              {t(direction === 'up' ? 'moveUp' : 'moveDown')}
            </button>
          ))}
      </div>

      {account.type === 'hotp' && (
        <div class="row">
          <button
            type="button"
            onClick={async () => {
              const reply = await send({ type: 'account/next-hotp', id: account.id });
              if (reply.ok) setHotp(reply.code);
              else setError(reply.error.message);
            }}
          >
            {t('nextCode')}
          </button>
          {hotp && <output class="code">{hotp.code}</output>}
        </div>
      )}

      <RecoveryKeys accountId={account.id} />

      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button
        type="button"
        class="danger"
        data-testid="detail-delete"
        onClick={async () => {
          const reply = await send({ type: 'account/delete', id: account.id });
          if (reply.ok) onDeleted(account);
          else setError(reply.error.message);
        }}
      >
        {t('deleteAccount')}
      </button>
    </section>
  );
}
