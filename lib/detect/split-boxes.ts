// Split codes: 4–8 one-character boxes next to each other form one prompt.

import { parentOf } from './field-text';

const MAX_HOPS = 3;

/** True when `b` sits within MAX_HOPS ancestors of `a` (boxes are often wrapped one div each). */
function near(a: Element, b: Element): boolean {
  let p = parentOf(a);
  for (let i = 0; p && i < MAX_HOPS; i++, p = parentOf(p)) if (p.contains(b)) return true;
  return false;
}

/** Groups one-character boxes (in document order) into runs of 4–8 neighbours, each in fill order. */
export function groupSplitBoxes(boxes: HTMLInputElement[]): HTMLInputElement[][] {
  const groups: HTMLInputElement[][] = [];
  let run: HTMLInputElement[] = [];
  const close = () => {
    if (run.length >= 4 && run.length <= 8) groups.push(visualOrder(run));
    run = [];
  };
  for (const box of boxes) {
    const last = run[run.length - 1];
    if (last && !near(last, box)) close();
    run.push(box);
  }
  close();
  return groups;
}

/** Left-to-right when layout exists (flex row-reverse, RTL pages); document order otherwise. */
function visualOrder(run: HTMLInputElement[]): HTMLInputElement[] {
  const rects = run.map((el) => el.getBoundingClientRect());
  if (rects.some((r) => r.width === 0)) return run;
  return run
    .map((el, i) => ({ el, r: rects[i] as DOMRect }))
    .sort((x, y) => (Math.abs(x.r.top - y.r.top) > 10 ? x.r.top - y.r.top : x.r.left - y.r.left))
    .map((x) => x.el);
}

/** The closest element holding every box of a split code. */
export function commonAncestor(run: HTMLInputElement[]): Element {
  const first = run[0] as HTMLInputElement;
  let p = parentOf(first);
  while (p && !run.every((box) => p?.contains(box))) p = parentOf(p);
  return p ?? first;
}
