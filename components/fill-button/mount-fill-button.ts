import { isClickTrustworthy, isFieldFillable } from '../../lib/fill/click-guard';

export interface FillButtonOptions {
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
 * cannot reach into. It acts only on a trusted, visible, uncovered primary click (security.md §4.5), and
 * re-asserts its own host styles before acting, so a page that restyled the host gains nothing.
 * Returns a function that removes it.
 */
export function mountFillButton(
  input: HTMLInputElement,
  { label, choices, onActivate }: FillButtonOptions,
): () => void {
  const doc = input.ownerDocument;
  const host = doc.createElement('tessera-fill');
  const hostStyle = `all: initial; position: fixed; z-index: 2147483647; width: ${SIZE}px; height: ${SIZE}px;`;
  host.setAttribute('style', hostStyle);
  const root = host.attachShadow({ mode: 'closed' });
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

  const place = () => {
    const r = input.getBoundingClientRect();
    host.style.left = `${Math.round(r.right - SIZE - 4)}px`;
    host.style.top = `${Math.round(r.top + (r.height - SIZE) / 2)}px`;
    host.style.display = r.width === 0 ? 'none' : 'block';
  };
  let frame = 0;
  const schedule = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(place);
  };
  const say = (message: string) => {
    note.textContent = message;
    note.hidden = false;
    setTimeout(() => {
      note.hidden = true;
    }, 4000);
  };

  /** Every click that leads to a fill, on the button or on a choice, passes the same checks. */
  const guarded = (target: HTMLElement, accountId: string | undefined) => async (event: MouseEvent) => {
    host.setAttribute('style', hostStyle);
    place();
    const verdict = isClickTrustworthy(event, target);
    const field = isFieldFillable(input);
    if (!verdict.ok) return say(verdict.reason);
    if (!field.ok) return say(field.reason);
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

  doc.documentElement.append(host);
  place();
  const win = doc.defaultView;
  win?.addEventListener('scroll', schedule, { capture: true, passive: true });
  win?.addEventListener('resize', schedule, { passive: true });
  return () => {
    win?.removeEventListener('scroll', schedule, { capture: true });
    win?.removeEventListener('resize', schedule);
    cancelAnimationFrame(frame);
    host.remove();
  };
}
