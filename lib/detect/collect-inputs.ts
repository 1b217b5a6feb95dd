// One walk per tree: inputs that could hold a code, plus open shadow roots to descend
// into (only elements that have one). Visibility is checked after scoring, only for fields that scored.

import { ATTR_OTP, attrWords, TEXT_OTP } from './words';

// A set lookup, not a regex: it runs for every input of the page.
const CODE_TYPES = new Set(['text', 'tel', 'number', 'password']);

/** True for a field a user could type a code into: right type, enabled, editable. */
export function isCandidateInput(input: HTMLInputElement): boolean {
  const type = input.type;
  if (!CODE_TYPES.has(type) || input.disabled || input.readOnly) return false;
  // A password box is only a code box when the site says so (banks and VPN portals mask their OTP field):
  // by its autocomplete token, its name or id, or the words it shows.
  return (
    type !== 'password' ||
    /one-time-code/i.test(input.getAttribute('autocomplete') ?? '') ||
    ATTR_OTP.test(attrWords(`${input.name} ${input.id}`)) ||
    TEXT_OTP.test(`${input.placeholder} ${input.getAttribute('aria-label')}`.toLowerCase())
  );
}

/** True when the field sits inside a [hidden] element: an ancestor walk, so asked only of likely prompts. */
export function isInsideHidden(input: HTMLInputElement): boolean {
  return input.closest('[hidden]') !== null;
}

/**
 * True when a field is rendered. It needs style and layout, the costly part of detection, so it is asked only
 * of fields that already scored as a code prompt (3,120 fields of a 10,000-node form: 12 ms → a few).
 */
export function isRendered(input: HTMLInputElement, hasLayout: () => boolean): boolean {
  if (isInsideHidden(input)) return false;
  // checkVisibility covers display:none, content-visibility and visibility:hidden. Without layout
  // (happy-dom, detached documents) every rect is 0×0, so size only counts where layout exists.
  if (input.checkVisibility && !input.checkVisibility({ visibilityProperty: true })) return false;
  if (hasLayout()) {
    const r = input.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
  }
  return true;
}

/** Candidate inputs under `root` in document order, descending into open shadow roots where they sit. */
export function collectInputs(
  root: Document | ShadowRoot,
  onShadowRoot?: (sr: ShadowRoot) => void,
): HTMLInputElement[] {
  const found: HTMLInputElement[] = [];
  // A TreeWalker steps through the tree without first building a list of every element:
  // querySelectorAll('*') alone costs 3× a bare input pass on a 10,000-element form; the walk costs about 1×.
  const doc = root.nodeType === 9 ? (root as Document) : (root.ownerDocument as Document);
  const walker = doc.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null) {
    if (el.localName === 'input') {
      if (isCandidateInput(el as HTMLInputElement)) found.push(el as HTMLInputElement);
    } else if (el.shadowRoot) {
      onShadowRoot?.(el.shadowRoot);
      found.push(...collectInputs(el.shadowRoot, onShadowRoot));
    }
  }
  return found;
}

/** Whether the page is laid out, asked at most once and only if a field needs it: it forces layout. */
export function layoutProbe(root: Document | ShadowRoot): () => boolean {
  let known: boolean | undefined;
  return () => {
    const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
    known ??= (doc?.documentElement?.getBoundingClientRect().width ?? 0) > 0;
    return known;
  };
}
