// What makes an element invisible or unrecognisable to the user while it stays clickable or fillable: the
// tricks of DOM-based extension clickjacking (near-zero opacity, filters, blend modes that cancel the colours
// out, clipping and masks, hidden visibility) anywhere up the tree.

import { parentOf } from '../detect/field-text';

/** Lowest opacity we accept on an element or any ancestor (KeePassXC-Browser 1.9.9.2 uses 0.7). */
export const MIN_OPACITY = 0.7;

/** Why `el`, or an ancestor up to <html> across shadow hosts, is concealed; null when nothing is. */
export function concealment(el: Element): string | null {
  const win = el.ownerDocument.defaultView;
  if (!win) return 'the page has no window';
  for (let node: Element | null = el; node; node = parentOf(node)) {
    const cs = win.getComputedStyle(node);
    const tag = `<${node.localName}>`;
    const opacity = Number.parseFloat(cs.opacity);
    if (opacity < MIN_OPACITY) return `${tag} is nearly transparent (opacity ${opacity})`;
    if (cs.filter && cs.filter !== 'none') return `${tag} has a CSS filter (${cs.filter})`;
    if (cs.mixBlendMode && cs.mixBlendMode !== 'normal')
      return `${tag} is blended into the page (mix-blend-mode ${cs.mixBlendMode})`;
    if (cs.clipPath && cs.clipPath !== 'none') return `${tag} is clipped (clip-path)`;
    const mask = cs.maskImage || cs.getPropertyValue('-webkit-mask-image');
    if (mask && mask !== 'none') return `${tag} is masked (mask)`;
    if (cs.visibility === 'hidden' || cs.visibility === 'collapse') return `${tag} is hidden (visibility)`;
    if (cs.display === 'none') return `${tag} is not displayed`;
  }
  return null;
}
