/** Frames without movement after which tracking sleeps until something may move the field again. */
const CALM_FRAMES = 30;

/**
 * Calls `place` every animation frame while the field moves or changes size (a dialog sliding in, a transform,
 * a layout shift), and wakes up on whatever may start a movement: scrolling, resizing, transitions and
 * animations, size changes, and DOM changes. `place` returns true when it moved something.
 * Returns a function that stops following.
 */
export function followField(field: HTMLElement, place: () => boolean): () => void {
  const doc = field.ownerDocument;
  const win = doc.defaultView as Window;
  let frame = 0;
  let calm = 0;
  const track = () => {
    frame = 0;
    calm = place() ? 0 : calm + 1;
    if (calm < CALM_FRAMES) frame = win.requestAnimationFrame(track);
  };
  const wake = () => {
    calm = 0;
    if (!frame) frame = win.requestAnimationFrame(track);
  };
  const events = ['scroll', 'resize', 'transitionrun', 'transitionend', 'animationstart', 'animationend'];
  for (const type of events) win.addEventListener(type, wake, { capture: true, passive: true });
  const resized = new ResizeObserver(wake);
  resized.observe(field);
  const changed = new MutationObserver(wake);
  changed.observe(doc, { subtree: true, childList: true, attributes: true });
  wake();
  return () => {
    for (const type of events) win.removeEventListener(type, wake, { capture: true });
    resized.disconnect();
    changed.disconnect();
    win.cancelAnimationFrame(frame);
  };
}
