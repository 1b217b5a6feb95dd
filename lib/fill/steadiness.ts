// A click counts only on a button the user has had time to see where it is: an attacker who moves the field
// (and so the button) under the pointer between the two clicks of a double-click, or who reveals the button a
// moment before a click he provoked, gets a refusal instead of a code.

/** How long the button must have been visible and unmoved before a click counts (issue 11: ≥ 500 ms). */
export const STEADY_MS = 500;

/** Tracks since when the button has been visible and in the same place. Times are performance.now() values. */
export class Steadiness {
  private movedAt: number;
  private visibleSince: number;

  constructor(now: number) {
    this.movedAt = now;
    this.visibleSince = now;
  }

  /** The button was drawn somewhere else (or shown, or hidden) at `now`. */
  moved(now: number): void {
    this.movedAt = now;
  }

  /**
   * What the browser says about the button's visibility (IntersectionObserver v2's `isVisible`): hidden,
   * covered or transparent resets the clock; `undefined` (no v2 in this browser) leaves it alone.
   */
  visibility(visible: boolean | undefined, now: number): void {
    if (visible === false) this.visibleSince = Number.POSITIVE_INFINITY;
    else if (visible === true && this.visibleSince === Number.POSITIVE_INFINITY) this.visibleSince = now;
  }

  /** True when, at `now`, the button has been visible and unmoved for at least STEADY_MS. */
  isSteady(now: number): boolean {
    return now - Math.max(this.movedAt, this.visibleSince) >= STEADY_MS;
  }
}
