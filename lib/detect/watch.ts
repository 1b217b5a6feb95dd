// One detection at start, then re-detection only when the page adds inputs or shadow hosts, or shows
// a container that holds inputs.

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

/**
 * Calls `onFound` for each distinct code prompt in `doc`: once when the page is first idle, then after DOM
 * changes that could add or show one (at most one detection per 150 ms). Returns a function that stops watching.
 */
export function watchForOtpPrompt(doc: Document, onFound: (p: OtpPrompt) => void): () => void {
  const reported = new WeakSet<HTMLInputElement>();
  const observed = new WeakSet<ShadowRoot>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const win = doc.defaultView;
  // The first look waits for the page to be idle (at most a second): the page's own start-up work goes first.
  let firstLook: number | undefined = win?.requestIdleCallback
    ? win.requestIdleCallback(() => first(), { timeout: 1000 })
    : (setTimeout(() => first(), 0) as unknown as number);

  const observer = new (win?.MutationObserver ?? MutationObserver)((records) => {
    // Until the first look, every change is covered by it.
    if (timer !== undefined || firstLook !== undefined) return;
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

  function detect(): void {
    timer = undefined;
    const prompt = findOtpPrompt(doc, onShadowRoot);
    if (!prompt || prompt.inputs.some((i) => reported.has(i))) return;
    for (const i of prompt.inputs) reported.add(i);
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
    timer = undefined;
    if (firstLook !== undefined) {
      if (win?.cancelIdleCallback) win.cancelIdleCallback(firstLook);
      clearTimeout(firstLook);
      firstLook = undefined;
    }
  };
}
