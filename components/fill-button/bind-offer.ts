import { t as msg } from '../i18n';
import { mountAnchoredHost } from './anchored-host';

export interface BindOfferOptions {
  /** This install's random element name for the host, the fill button's own: nothing a page could look for. */
  hostName: string;
  /** The registrable domain the page is on, as the background named it. */
  site: string;
  /** Accounts whose issuer or name names this site exactly (the background chose them). */
  suggestions: { id: string; name: string }[];
  /** Runs after the user confirmed binding one, with a click that passed every check; a message or null. */
  onConfirm: (accountId: string) => Promise<string | null>;
}

const SIZE = 22;

/**
 * Bind on first use, in the page: when a site asks for a code and no account fills there yet, Tessera's button
 * offers the accounts that name the site. Choosing one asks "Fill GitHub (octocat) codes on github.com from
 * now on?"; only a click on that question's button binds and fills. It lives in the fill button's host
 * (anchored-host.ts): same random tag, same clickjacking checks and 500 ms steadiness for every click that
 * leads to a binding, following the field and leaving with it. Returns a function that removes it.
 */
export function mountBindOffer(
  inputs: HTMLInputElement[],
  { hostName, site, suggestions, onConfirm }: BindOfferOptions,
): () => void {
  const doc = (inputs[0] as HTMLInputElement).ownerDocument;
  const { root, refuse, remove } = mountAnchoredHost(inputs, hostName, SIZE);
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text = '', testId = '') => {
    const node = doc.createElement(tag);
    node.textContent = text;
    if (testId) node.dataset.testid = testId;
    if (node instanceof HTMLButtonElement) node.type = 'button';
    return node;
  };
  const style = el(
    'style',
    `.icon{all:initial;box-sizing:border-box;width:${SIZE}px;height:${SIZE}px;border-radius:6px;cursor:pointer;
background:#4338ca;display:grid;grid-template-columns:1fr 1fr;gap:2px;padding:4px;box-shadow:0 1px 3px #0004}
i{background:#fff;border-radius:2px}i:nth-child(2){background:#fbbf24}
section{all:initial;position:absolute;right:0;top:${SIZE + 4}px;width:260px;display:flex;flex-direction:column;gap:4px;
padding:8px;background:#1e1b4b;border-radius:6px;font:13px/1.35 system-ui,sans-serif;color:#fff}
p{margin:0}small{opacity:.8;font-size:12px}
section button{all:initial;cursor:pointer;font:13px/1.3 system-ui,sans-serif;color:#fff;padding:6px 10px;border-radius:4px;
background:#312e81}section button:hover,section button:focus-visible{background:#4338ca}
.row{display:flex;gap:6px}[hidden]{display:none!important}`,
  );
  const label = msg('bindOfferButton', site);
  const icon = el('button', '', 'bind-offer-button');
  icon.className = 'icon';
  icon.title = label;
  icon.setAttribute('aria-label', label);
  icon.setAttribute('aria-haspopup', 'dialog');
  icon.append(...Array.from({ length: 4 }, () => el('i')));
  const panel = el('section', '', 'bind-offer');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', label);
  panel.hidden = true;
  root.append(style, icon, panel);

  /** Every click that leads to a binding passes the fill button's checks. */
  const guarded = (action: () => void | Promise<void>) => async (event: MouseEvent) => {
    const refusal = refuse(event, event.currentTarget as HTMLElement);
    if (refusal) return show([el('p', refusal)]);
    await action();
  };

  const show = (nodes: Node[]) => {
    panel.replaceChildren(...nodes);
    panel.hidden = false;
  };

  const choose = () => {
    const choices = suggestions.map((choice) => {
      const item = el('button', choice.name, 'bind-choice');
      item.addEventListener(
        'click',
        guarded(() => ask(choice)),
      );
      return item;
    });
    show([el('p', msg('bindOfferIntro', site)), ...choices, el('small', msg('bindOfferOther'))]);
  };

  const ask = (choice: { id: string; name: string }) => {
    const yes = el('button', msg('bindConfirm'), 'bind-confirm');
    const no = el('button', msg('cancel'), 'bind-cancel');
    yes.addEventListener(
      'click',
      guarded(async () => {
        const message = await onConfirm(choice.id);
        if (message) show([el('p', message)]);
        else remove();
      }),
    );
    no.addEventListener('click', (event) => {
      if (event.isTrusted) panel.hidden = true;
    });
    const buttons = el('div');
    buttons.className = 'row';
    buttons.append(yes, no);
    show([el('p', msg('bindQuestion', choice.name, site), 'bind-question'), buttons]);
  };

  icon.addEventListener(
    'click',
    guarded(() => {
      if (panel.hidden) choose();
      else panel.hidden = true;
    }),
  );

  return remove;
}
