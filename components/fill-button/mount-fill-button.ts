import { mountAnchoredHost } from './anchored-host';

export interface FillButtonOptions {
  /** This install's random element name for the host (no fixed tag a page could look for). */
  hostName: string;
  /** Accessible name and tooltip, already translated. */
  label: string;
  /** The accounts that may fill here; with several, a click first shows them to choose from. */
  choices: { id: string; name: string }[];
  /** Runs after a click that passed every clickjacking check; returns a message to show, or null. */
  onActivate: (accountId: string | undefined) => Promise<string | null>;
}

const SIZE = 22;

/**
 * Draws Tessera's small fill button at the right edge of the first code box, in a closed shadow root the page
 * cannot reach into, and keeps it on the box while the box moves (dialogs sliding in, layout shifts). It acts
 * only on a trusted, visible, uncovered primary click on a button that has been visible and unmoved for
 * 500 ms (security.md §4.5), and its host styles are inline !important, so a page's stylesheet cannot restyle
 * it. Returns a function that removes it.
 */
export function mountFillButton(
  inputs: HTMLInputElement[],
  { hostName, label, choices, onActivate }: FillButtonOptions,
): () => void {
  const doc = (inputs[0] as HTMLInputElement).ownerDocument;
  const { root, refuse, remove } = mountAnchoredHost(inputs, hostName, SIZE);
  const button = doc.createElement('button');
  button.type = 'button';
  button.title = label;
  button.setAttribute('aria-label', label);
  const style = doc.createElement('style');
  style.textContent = `button{all:initial;box-sizing:border-box;width:${SIZE}px;height:${SIZE}px;border-radius:6px;cursor:pointer;
background:#4338ca;display:grid;grid-template-columns:1fr 1fr;gap:2px;padding:4px;box-shadow:0 1px 3px #0004}
button:focus-visible{outline:2px solid #f59e0b;outline-offset:1px}i{background:#fff;border-radius:2px}i:nth-child(2){background:#fbbf24}
p{all:initial;position:absolute;right:0;top:${SIZE + 4}px;width:max-content;max-width:260px;font:12px/1.3 system-ui,sans-serif;
color:#fff;background:#1e1b4b;padding:6px 8px;border-radius:6px}
menu{all:initial;position:absolute;right:0;top:${SIZE + 4}px;display:flex;flex-direction:column;gap:2px;padding:4px;
background:#1e1b4b;border-radius:6px}menu button{all:initial;cursor:pointer;font:13px/1.3 system-ui,sans-serif;color:#fff;
padding:6px 10px;border-radius:4px;white-space:nowrap}menu button:hover,menu button:focus-visible{background:#4338ca}
[hidden]{display:none!important}`;
  button.append(...Array.from({ length: 4 }, () => doc.createElement('i')));
  const note = doc.createElement('p');
  note.setAttribute('role', 'status');
  note.hidden = true;
  const menu = doc.createElement('menu');
  menu.hidden = true;
  root.append(style, button, note, menu);

  const say = (message: string) => {
    note.textContent = message;
    note.hidden = false;
    setTimeout(() => {
      note.hidden = true;
    }, 4000);
  };

  /** Every click that leads to a fill, on the button or on a choice, passes the same checks. */
  const guarded = (target: HTMLElement, accountId: string | undefined) => async (event: MouseEvent) => {
    const refusal = refuse(event, target);
    if (refusal) return say(refusal);
    menu.hidden = true;
    const message = await onActivate(accountId);
    if (message) say(message);
  };

  if (choices.length > 1) {
    for (const choice of choices) {
      const item = doc.createElement('button');
      item.type = 'button';
      item.textContent = choice.name;
      item.addEventListener('click', guarded(item, choice.id));
      menu.append(item);
    }
    button.setAttribute('aria-haspopup', 'menu');
    button.addEventListener('click', (event) => {
      if (event.isTrusted) menu.hidden = !menu.hidden;
    });
  } else {
    button.addEventListener('click', guarded(button, choices[0]?.id));
  }

  return remove;
}
