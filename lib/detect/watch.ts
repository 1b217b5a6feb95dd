// One detection at start, then re-detection only when the page adds inputs or shadow hosts, or shows
// a container that holds inputs.

import { isRendered, layoutProbe } from './collect-inputs';
import { findOtpPrompt } from './find-otp-prompt';
import type { OtpPrompt } from './types';

const DELAY_MS = 150;

/** True when an added node may bring a new code field: an input, a shadow host, or a subtree holding one. */
function mayAddField(node: Node): boolean {
  if (node.nodeType !== 1) return false;
  const el = node as Element;
  if (el.localName === 'input' || el.shadowRoot || el.getElementsByTagName('input').length > 0) return true;
  if (!el.firstElementChild) return false;
  // Hosts nested in the added subtree (custom elements attach their shadow root on insertion).
  for (const d of el.getElementsByTagName('*')) if (d.shadowRoot) return true;
  return false;
}

/**
 * True when a hidden/style/class change may have shown a field (a step shown with v-show or a class).
 * <html> and <body> are left out: their classes change on scroll and hold every input of the page.
 */
function mayRevealField(node: Node, doc: Document): boolean {
  const el = node as Element;
  return (
    node !== doc.documentElement &&
    node !== doc.body &&
    (el.localName === 'input' || el.getElementsByTagName('input').length > 0)
  );
}

/** True while every box of `p` is in the page and rendered. */
function isPresent(p: OtpPrompt, doc: Document): boolean {
  const hasLayout = layoutProbe(doc);
  return p.inputs.every((i) => i.isConnected && isRendered(i, hasLayout));
}

/**
 * Calls `onFound` for each distinct code prompt in `doc`: once when the page is first idle, then after DOM
 * changes that could add or show one (at most one detection per 150 ms). Calls `onGone` when the last prompt
 * found is removed, hidden or replaced (a single-page app's route change, a dialog closing); shown again, it
 * is found again. Returns a function that stops watching.
 */
export function watchForOtpPrompt(
  doc: Document,
  onFound: (p: OtpPrompt) => void,
  onGone?: (p: OtpPrompt) => void,
): () => void {
  const reported = new WeakSet<HTMLInputElement>();
  let current: OtpPrompt | null = null;
  const observed = new WeakSet<ShadowRoot>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let goneTimer: ReturnType<typeof setTimeout> | undefined;

  const win = doc.defaultView;
  // The first look waits for the page to be idle (at most a second): the page's own start-up work goes first.
  let firstLook: number | undefined = win?.requestIdleCallback
    ? win.requestIdleCallback(() => first(), { timeout: 1000 })
    : (setTimeout(() => first(), 0) as unknown as number);

  const observer = new (win?.MutationObserver ?? MutationObserver)((records) => {
    // Until the first look, every change is covered by it.
    if (firstLook !== undefined) return;
    // Any change may have removed or hidden the prompt on screen; checking that is cheap.
    if (current && goneTimer === undefined) goneTimer = setTimeout(checkGone, DELAY_MS);
    if (timer !== undefined) return;
    for (const r of records) {
      if (r.type === 'attributes' ? mayRevealField(r.target, doc) : [...r.addedNodes].some(mayAddField)) {
        timer = setTimeout(detect, DELAY_MS);
        return;
      }
    }
  });
  const observe = (target: Node) =>
    observer.observe(target, {
      childList: true,
      subtree: true,
      attributeFilter: ['hidden', 'style', 'class'],
    });
  // Mutations inside a shadow root are invisible to the document's observer, so each root gets one too.
  const onShadowRoot = (sr: ShadowRoot) => {
    if (!observed.has(sr)) {
      observed.add(sr);
      observe(sr);
    }
  };

  function checkGone(): void {
    goneTimer = undefined;
    if (!current || isPresent(current, doc)) return;
    for (const i of current.inputs) reported.delete(i);
    const gone = current;
    current = null;
    onGone?.(gone);
  }

  function detect(): void {
    timer = undefined;
    const prompt = findOtpPrompt(doc, onShadowRoot);
    if (!prompt || prompt.inputs.some((i) => reported.has(i))) return;
    for (const i of prompt.inputs) reported.add(i);
    current = prompt;
    onFound(prompt);
  }

  function first(): void {
    firstLook = undefined;
    detect();
  }

  observe(doc);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
    clearTimeout(goneTimer);
    timer = undefined;
    if (firstLook !== undefined) {
      if (win?.cancelIdleCallback) win.cancelIdleCallback(firstLook);
      clearTimeout(firstLook);
      firstLook = undefined;
    }
  };
}
