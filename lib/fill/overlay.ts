// Hit testing skips `pointer-events: none`, which is exactly how a lure overlay lets the click through
// to our button while showing the user something else. Such layers are found by making them hit-testable
// for one synchronous instant (no page script runs in between) and asking the browser what is on top.
// Pseudo-elements (`html::after`) are not elements at all, so they are read from their computed style.

import { parentOf } from '../detect/field-text';

/** A `pointer-events: none` element painted over (x, y) above `target`, or null. */
export function coveringOverlay(target: Element, x: number, y: number): Element | null {
  const doc = target.ownerDocument;
  const win = doc.defaultView;
  if (!win) return null;
  const layers: HTMLElement[] = [];
  // Every element, not only <body>'s: a page can append its overlay to <html> after Tessera's button.
  for (const el of doc.querySelectorAll<HTMLElement>('*')) {
    if (el.contains(target) || target.contains(el)) continue;
    if (win.getComputedStyle(el).pointerEvents !== 'none') continue;
    const r = el.getBoundingClientRect();
    if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) layers.push(el);
  }
  if (layers.length === 0) return null;
  const saved = layers.map((el) => el.getAttribute('style'));
  // An inline !important declaration outranks the page's own stylesheet and inline rules.
  for (const el of layers) el.style.setProperty('pointer-events', 'auto', 'important');
  const top = doc.elementsFromPoint(x, y)[0];
  layers.forEach((el, i) => {
    const style = saved[i];
    if (style == null) el.removeAttribute('style');
    else el.setAttribute('style', style);
  });
  return layers.find((el) => el === top || (top && el.contains(top))) ?? null;
}

const px = (value: string): number => (value.endsWith('px') ? Number.parseFloat(value) : Number.NaN);

/**
 * A positioned `::before`/`::after` of <html>, <body> or an ancestor of `target` that may be painted over
 * (x, y), named like `<html>::after`; null when none is. Where its box cannot be read (absolute positioning
 * against an unknown containing block) it counts as covering: a refused click is better than a lured one.
 */
export function coveringPseudo(target: Element, x: number, y: number): string | null {
  const doc = target.ownerDocument;
  const win = doc.defaultView;
  if (!win) return null;
  const owners = new Set<Element>([doc.documentElement]);
  if (doc.body) owners.add(doc.body);
  for (let node = parentOf(target); node; node = parentOf(node)) owners.add(node);
  for (const owner of owners) {
    for (const pseudo of ['::before', '::after']) {
      const cs = win.getComputedStyle(owner, pseudo);
      if (cs.content === 'none' || cs.content === 'normal' || cs.display === 'none') continue;
      if (cs.visibility !== 'visible' || Number.parseFloat(cs.opacity) === 0) continue;
      // Only a positioned pseudo-element with a stacking order of its own can be drawn over a fixed button.
      if ((cs.position !== 'fixed' && cs.position !== 'absolute') || cs.zIndex === 'auto') continue;
      const [left, top, width, height] = [cs.left, cs.top, cs.width, cs.height].map(px) as number[];
      const known = cs.position === 'fixed' && [left, top, width, height].every(Number.isFinite);
      if (
        !known ||
        (x >= (left as number) &&
          x <= (left as number) + (width as number) &&
          y >= (top as number) &&
          y <= (top as number) + (height as number))
      )
        return `<${owner.localName}>${pseudo}`;
    }
  }
  return null;
}
