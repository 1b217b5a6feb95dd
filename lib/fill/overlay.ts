// Hit testing skips `pointer-events: none`, which is exactly how a lure overlay lets the click through
// to our button while showing the user something else. Such layers are found by making them hit-testable
// for one synchronous instant (no page script runs in between) and asking the browser what is on top.

/** A `pointer-events: none` element painted over (x, y) above `target`, or null. */
export function coveringOverlay(target: Element, x: number, y: number): Element | null {
  const doc = target.ownerDocument;
  const win = doc.defaultView;
  if (!win) return null;
  const layers: HTMLElement[] = [];
  for (const el of doc.querySelectorAll<HTMLElement>('body *')) {
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
