import { isClickTrustworthy, isFieldFillable } from '../../lib/fill/click-guard';
import { Steadiness } from '../../lib/fill/steadiness';
import { followField } from './follow-field';

/** IntersectionObserver v2 (Chromium): `trackVisibility` and `entry.isVisible`, absent from the DOM typings. */
type VisibilityInit = IntersectionObserverInit & { trackVisibility: boolean; delay: number };

export interface AnchoredHost {
  /** The closed shadow root to draw in: the page cannot reach into it. */
  root: ShadowRoot;
  /** Why a click on `target` must not count, or null when it passed every check. */
  refuse: (event: MouseEvent, target: HTMLElement) => string | null;
  remove: () => void;
}

/**
 * The host element every piece of Tessera UI in a page lives in (the fill button, the bind-on-first-use offer):
 * this install's random element name (no fixed tag a page could look for to learn that Tessera holds an
 * account for it), inline !important styles a page's stylesheet cannot override, kept on the right edge of
 * the first field while it moves and hidden when the fields go. A click counts only when it is trusted,
 * visible and uncovered, on a real field, and the host has been visible and unmoved for 500 ms
 * (security.md §4.5).
 */
export function mountAnchoredHost(inputs: HTMLInputElement[], hostName: string, size: number): AnchoredHost {
  const input = inputs[0] as HTMLInputElement;
  const doc = input.ownerDocument;
  const host = doc.createElement(hostName);
  const hostStyle = `all: initial !important; position: fixed !important; z-index: 2147483647 !important; width: ${size}px !important; height: ${size}px !important;`;
  host.setAttribute('style', hostStyle);
  const root = host.attachShadow({ mode: 'closed' });

  const steady = new Steadiness(performance.now());
  let placed = '';
  /** The host's style attribute as Tessera last wrote it; anything else is the page's doing. */
  let drawn: string | null = hostStyle;
  /**
   * Puts the host on the field's current box; true when that moved it (or showed or hid it). `redraw`
   * writes Tessera's styles again even where nothing moved (after the page tampered with them).
   */
  const place = (redraw = false): boolean => {
    const shown = inputs.every(
      (i) => i.isConnected && i.checkVisibility?.({ visibilityProperty: true }) !== false,
    );
    const r = input.getBoundingClientRect();
    const at =
      shown && r.width > 0
        ? `${Math.round(r.right - size - 4)},${Math.round(r.top + (r.height - size) / 2)}`
        : 'none';
    const moved = at !== placed;
    if (!moved && !redraw) return false;
    if (moved) steady.moved(performance.now());
    placed = at;
    if (redraw) host.setAttribute('style', hostStyle);
    const [left, top] = at.split(',');
    host.style.setProperty('display', at === 'none' ? 'none' : 'block', 'important');
    host.style.setProperty('left', `${left}px`, 'important');
    host.style.setProperty('top', `${top}px`, 'important');
    drawn = host.getAttribute('style');
    return moved;
  };

  // Where the browser has IntersectionObserver v2, it reports whether the host is really seen: not covered,
  // not faded, not filtered, in every frame up to the top page (a transparent or covered iframe included).
  const visibility = new IntersectionObserver(
    (entries) => {
      for (const entry of entries)
        steady.visibility((entry as { isVisible?: boolean }).isVisible, performance.now());
    },
    { trackVisibility: true, delay: 100, threshold: 1 } as VisibilityInit,
  );

  const refuse = (event: MouseEvent, target: HTMLElement): string | null => {
    // Judged as the user saw it at the click, before Tessera puts its own styles back.
    const tampered = host.getAttribute('style') !== drawn;
    const verdict = isClickTrustworthy(event, target);
    const field = isFieldFillable(input);
    place(tampered);
    if (tampered) return "The page changed how Tessera's button looks. Nothing was done.";
    if (!verdict.ok) return verdict.reason;
    if (!field.ok) return field.reason;
    // A button that just appeared or moved may have been slipped under a pointer aimed elsewhere.
    if (!steady.isSteady(performance.now()))
      return "Tessera's button had just appeared or moved. Check it is next to the code field, then click again.";
    return null;
  };

  doc.documentElement.append(host);
  place(true);
  visibility.observe(host);
  const stopFollowing = followField(input, place);
  return {
    root,
    refuse,
    remove: () => {
      stopFollowing();
      visibility.disconnect();
      host.remove();
    },
  };
}
