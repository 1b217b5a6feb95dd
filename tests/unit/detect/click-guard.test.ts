// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isClickTrustworthy, isFieldFillable } from '../../../lib/fill/click-guard';
import { loadHtml } from './load-fixture';

let doc: Document;
let close: () => Promise<void>;
let button: HTMLElement;
beforeEach(() => {
  const { window, document } = loadHtml(
    '<!doctype html><html><body><div id="wrap"><button id="fill"><span id="label">Fill code</span></button></div>' +
      '<div id="overlay"></div><input id="field"></body></html>',
  );
  doc = document;
  close = () => window.happyDOM.close();
  button = doc.getElementById('fill') as HTMLElement;
  button.getBoundingClientRect = () =>
    ({ left: 10, top: 10, right: 110, bottom: 40, width: 100, height: 30 }) as DOMRect;
  // happy-dom has no hit testing: the button (or what a test puts there) is on top at every point.
  setTopmost(doc.getElementById('label') as Element);
});
afterEach(() => close());

function setTopmost(el: Element) {
  doc.elementsFromPoint = () => [el, button, doc.body, doc.documentElement];
}
/** A click as the browser would deliver it; happy-dom cannot make trusted events, so it is a plain object. */
const click = (over: Partial<MouseEvent> = {}) =>
  ({ isTrusted: true, button: 0, clientX: 50, clientY: 20, ...over }) as MouseEvent;
const reason = (v: { ok: boolean; reason?: string }) => (v.ok ? 'ok' : v.reason);

describe('isClickTrustworthy', () => {
  it('accepts a trusted primary click on the visible, uncovered button (or its label)', () => {
    expect(isClickTrustworthy(click(), button)).toEqual({ ok: true });
  });

  it('refuses clicks the page synthesised', () => {
    expect(reason(isClickTrustworthy(click({ isTrusted: false }), button))).toMatch(/made by the page/);
  });

  it('refuses other buttons and clicks outside the viewport or the button', () => {
    expect(reason(isClickTrustworthy(click({ button: 2 }), button))).toMatch(/primary/);
    expect(reason(isClickTrustworthy(click({ clientX: -5 }), button))).toMatch(/outside the visible page/);
    expect(reason(isClickTrustworthy(click({ clientY: 5000 }), button))).toMatch(/outside the visible page/);
    expect(reason(isClickTrustworthy(click({ clientX: 300 }), button))).toMatch(/not on the fill button/);
  });

  it('refuses when another element is on top at the click point', () => {
    setTopmost(doc.getElementById('overlay') as Element);
    expect(reason(isClickTrustworthy(click(), button))).toMatch(/covered/);
  });

  it('refuses a pointer-events:none overlay painted over the button, and leaves its style as it was', () => {
    const overlay = doc.getElementById('overlay') as HTMLElement;
    const style = doc.createElement('style');
    style.textContent = '#overlay { pointer-events: none; position: fixed; background: white }';
    doc.head.append(style);
    overlay.setAttribute('style', 'z-index: 9');
    overlay.getBoundingClientRect = () =>
      ({ left: 0, top: 0, right: 1024, bottom: 768, width: 1024, height: 768 }) as DOMRect;
    // Hit testing as a browser does it: a pointer-events:none layer is skipped, otherwise it is on top.
    const win = doc.defaultView as Window;
    doc.elementsFromPoint = () =>
      win.getComputedStyle(overlay).pointerEvents === 'none'
        ? [doc.getElementById('label') as Element, button, doc.body]
        : [overlay, doc.body];
    expect(reason(isClickTrustworthy(click(), button))).toMatch(/covered/);
    expect(overlay.getAttribute('style')).toBe('z-index: 9');
    expect(win.getComputedStyle(overlay).pointerEvents).toBe('none');
  });

  it('accepts a pointer-events:none layer painted below the button', () => {
    const overlay = doc.getElementById('overlay') as HTMLElement;
    overlay.style.pointerEvents = 'none';
    overlay.getBoundingClientRect = () =>
      ({ left: 0, top: 0, right: 1024, bottom: 768, width: 1024, height: 768 }) as DOMRect;
    expect(isClickTrustworthy(click(), button)).toEqual({ ok: true });
    expect(overlay.getAttribute('style')).toBe('pointer-events: none;');
  });

  it('refuses when hit testing is unavailable rather than guessing', () => {
    Object.defineProperty(doc, 'elementsFromPoint', { value: undefined });
    expect(isClickTrustworthy(click(), button).ok).toBe(false);
  });

  it.each([
    ['html', 'opacity: 0.5', /opacity 0.5/],
    ['body', 'opacity: 0.69', /opacity 0.69/],
    ['#wrap', 'filter: blur(0px)', /CSS filter/],
    ['#fill', 'visibility: hidden', /hidden/],
    ['#wrap', 'display: none', /not displayed/],
  ])('refuses when %s has %s', (selector, style, why) => {
    (doc.querySelector(selector) as HTMLElement).setAttribute('style', style);
    const verdict = isClickTrustworthy(click(), button);
    expect(verdict.ok).toBe(false);
    expect(reason(verdict)).toMatch(why);
  });

  it('accepts ancestors at exactly the opacity floor', () => {
    doc.body.setAttribute('style', 'opacity: 0.7');
    expect(isClickTrustworthy(click(), button).ok).toBe(true);
  });

  it('sees a transparent stylesheet rule, not only inline styles', () => {
    const style = doc.createElement('style');
    style.textContent = 'body { opacity: 0.01 }';
    doc.head.append(style);
    expect(isClickTrustworthy(click(), button).ok).toBe(false);
  });
});

describe('isFieldFillable', () => {
  const field = () => doc.getElementById('field') as HTMLInputElement;

  it('accepts a plain visible field', () => {
    expect(isFieldFillable(field())).toEqual({ ok: true });
  });

  it('refuses transparent, filtered, hidden, disabled and read-only fields', () => {
    doc.body.setAttribute('style', 'opacity: 0.3');
    expect(reason(isFieldFillable(field()))).toMatch(/opacity 0.3/);
    doc.body.removeAttribute('style');
    field().setAttribute('style', 'filter: opacity(0.1)');
    expect(reason(isFieldFillable(field()))).toMatch(/CSS filter/);
    field().setAttribute('style', 'visibility: hidden');
    expect(isFieldFillable(field()).ok).toBe(false);
    field().removeAttribute('style');
    field().disabled = true;
    expect(reason(isFieldFillable(field()))).toMatch(/disabled/);
    field().disabled = false;
    field().readOnly = true;
    expect(isFieldFillable(field()).ok).toBe(false);
  });

  it('refuses a field pushed off the page, not one merely below the fold', () => {
    const at = (left: number, top: number) => () =>
      ({ left, top, right: left + 100, bottom: top + 30, width: 100, height: 30 }) as DOMRect;
    field().getBoundingClientRect = at(-9999, 10);
    expect(reason(isFieldFillable(field()))).toMatch(/off-screen/);
    field().getBoundingClientRect = at(10, 3000);
    expect(isFieldFillable(field()).ok).toBe(true);
  });
});
