// The words a user sees next to a field: its own label, and text from a few ancestors outwards.
// Links and buttons are skipped on purpose: "Use a recovery code" or "Send an SMS instead" name the
// alternatives, not the prompt on screen.

const SKIP = /^(?:a|button|script|style|noscript|template|select|option|svg|input|textarea|iframe)$/;
const MAX_NODES = 200;

interface Budget {
  text: string;
  max: number;
  nodes: number;
}

function collect(node: Node, b: Budget): void {
  if (b.text.length >= b.max || ++b.nodes > MAX_NODES) return;
  if (node.nodeType === 3) {
    b.text += ` ${node.nodeValue?.slice(0, b.max)}`;
    return;
  }
  if (node.nodeType === 11) {
    for (let c = node.firstChild; c; c = c.nextSibling) collect(c, b);
    return;
  }
  if (node.nodeType !== 1) return;
  const el = node as HTMLElement;
  if (SKIP.test(el.localName)) return;
  // Most elements carry no attributes, and then none of the attribute checks can skip them.
  if (el.hasAttributes()) {
    const role = el.getAttribute('role');
    if (
      role === 'button' ||
      role === 'link' ||
      el.hidden ||
      (el.hasAttribute('style') && el.style.display === 'none') ||
      el.getAttribute('aria-hidden') === 'true'
    )
      return;
  }
  // A web component's heading usually lives in its shadow root, not in its light children.
  if (el.shadowRoot) collect(el.shadowRoot, b);
  for (let c = el.firstChild; c; c = c.nextSibling) collect(c, b);
}

/** Visible-ish text of a node, capped at `max` characters. */
export function textOf(node: Node, max = 300): string {
  const b = { text: '', max, nodes: 0 };
  collect(node, b);
  return b.text;
}

/** The parent element, stepping from a shadow root to its host. */
export function parentOf(el: Element): Element | null {
  const p = el.parentNode;
  return p?.nodeType === 11 ? ((p as ShadowRoot).host ?? null) : el.parentElement;
}

// `input.labels` is the obvious call, but Chromium scans the whole document the first time it is read for each
// field (278 ms for 1,248 fields on a 10,000-node form). One `label[for]` query per tree and pass costs ~0.1 ms.
let labelsByRoot = new WeakMap<Node, Map<string, Element[]>>();

/** Forgets the label index; detection calls this at the start of each pass, since the page may have changed. */
export function resetLabelIndex(): void {
  labelsByRoot = new WeakMap();
}

/** The labels that name a field: the one wrapping it and those whose `for` points at its id. */
function labelsOf(input: HTMLInputElement): Element[] {
  const wrapping = input.closest('label');
  const found: Element[] = wrapping ? [wrapping] : [];
  if (!input.id) return found;
  const root = input.getRootNode();
  let index = labelsByRoot.get(root);
  if (!index) {
    index = new Map();
    for (const label of (root as ParentNode).querySelectorAll?.('label[for]') ?? []) {
      const id = label.getAttribute('for') ?? '';
      index.set(id, [...(index.get(id) ?? []), label]);
    }
    labelsByRoot.set(root, index);
  }
  for (const label of index.get(input.id) ?? []) if (label !== wrapping) found.push(label);
  return found;
}

/** The field's name as shown to the user: labels, aria-label(ledby), placeholder and title, lower-cased. */
export function ownText(input: HTMLInputElement): string {
  let s = `${input.getAttribute('aria-label') ?? ''} ${input.placeholder ?? ''} ${input.title ?? ''}`;
  for (const label of labelsOf(input)) s += textOf(label);
  return `${s}${referencedText(input, 'aria-labelledby')}`.toLowerCase();
}

/** Text of the elements an ARIA attribute points to (`aria-describedby` help text, for instance). */
export function referencedText(input: HTMLInputElement, attr: string): string {
  const ids = input.getAttribute(attr);
  if (!ids) return '';
  const root = input.getRootNode() as Document | ShadowRoot;
  let s = '';
  for (const id of ids.split(/\s+/)) {
    const el = id && root.getElementById?.(id);
    if (el) s += textOf(el);
  }
  return s.toLowerCase();
}

/**
 * Text around `start`, one entry per ancestor level (siblings before and after the previous level),
 * nearest first, so callers can weigh proximity. Stops after `levels` or about 1,200 characters.
 */
export function contextText(start: Element, levels = 6): string[] {
  const out: string[] = [];
  let total = 0;
  for (let node: Element | null = start, i = 0; node && i < levels && total < 1200; i++) {
    const b = { text: '', max: 400, nodes: 0 };
    for (let s = node.previousSibling; s && b.text.length < b.max; s = s.previousSibling) collect(s, b);
    b.max = 600;
    for (let s = node.nextSibling; s && b.text.length < b.max; s = s.nextSibling) collect(s, b);
    out.push(b.text.toLowerCase());
    total += b.text.length;
    node = parentOf(node);
  }
  return out;
}
