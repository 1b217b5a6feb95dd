// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fillCode } from '../../../lib/fill/fill-code';
import { loadHtml } from './load-fixture';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});
function page(body: string) {
  const { window, document } = loadHtml(`<!doctype html><html><body>${body}</body></html>`);
  closers.push(() => window.happyDOM.close());
  return { window, document };
}

/**
 * Mimics React's controlled input: an instance `value` property that records what the page set
 * (React's value tracker) and an `input` listener that calls onChange only when the DOM value differs.
 */
function reactLike(input: HTMLInputElement) {
  const proto = Object.getPrototypeOf(input);
  const native = Object.getOwnPropertyDescriptor(proto, 'value') as PropertyDescriptor;
  let tracked = input.value;
  const onChange: string[] = [];
  Object.defineProperty(input, 'value', {
    configurable: true,
    get() {
      return native.get?.call(this);
    },
    set(v: string) {
      tracked = v;
      native.set?.call(this, v);
    },
  });
  input.ownerDocument.addEventListener('input', (e) => {
    const target = e.target as HTMLInputElement;
    if (target === input && target.value !== tracked) {
      tracked = target.value;
      onChange.push(target.value);
    }
  });
  return onChange;
}

describe('fillCode', () => {
  it('types the whole code into one box so a React-style onChange sees every keystroke', () => {
    const { document } = page('<input id="c" maxlength="6">');
    const input = document.getElementById('c') as HTMLInputElement;
    const onChange = reactLike(input);
    expect(fillCode([input], '123456')).toBe(true);
    expect(input.value).toBe('123456');
    expect(onChange).toEqual(['1', '12', '123', '1234', '12345', '123456']);
  });

  it('fires the events frameworks listen to, in keyboard order, bubbling, with blur last', () => {
    const { document } = page('<form><input id="c"></form>');
    const input = document.getElementById('c') as HTMLInputElement;
    const seen: string[] = [];
    for (const type of ['focus', 'keydown', 'keypress', 'input', 'keyup', 'change', 'blur'])
      input.addEventListener(type, (e) => {
        if (type === 'input') {
          const ie = e as InputEvent;
          seen.push(`input(${ie.data},${ie.inputType},${input.value})`);
        } else seen.push(type);
      });
    const keys: string[] = [];
    input.addEventListener('keydown', (e) => keys.push(`${e.key}:${e.code}:${e.keyCode}`));
    const bubbled: string[] = [];
    document.querySelector('form')?.addEventListener('input', () => bubbled.push('input'));
    document.querySelector('form')?.addEventListener('change', () => bubbled.push('change'));

    expect(fillCode([input], '42')).toBe(true);
    expect(seen).toEqual([
      'focus',
      'keydown',
      'keypress',
      'input(4,insertText,4)',
      'keyup',
      'keydown',
      'keypress',
      'input(2,insertText,42)',
      'keyup',
      'change',
      'blur',
    ]);
    expect(bubbled).toEqual(['input', 'input', 'change']);
    expect(keys).toEqual(['4:Digit4:52', '2:Digit2:50']);
  });

  it('puts one character in each split box', () => {
    const { document } = page([0, 1, 2, 3, 4, 5].map((i) => `<input id="b${i}" maxlength="1">`).join(''));
    const boxes = [...document.querySelectorAll('input')] as HTMLInputElement[];
    const changes = boxes.map(reactLike);
    expect(fillCode(boxes, '908 172')).toBe(true);
    expect(boxes.map((b) => b.value)).toEqual(['9', '0', '8', '1', '7', '2']);
    expect(changes).toEqual([['9'], ['0'], ['8'], ['1'], ['7'], ['2']]);
  });

  it('refuses rather than truncates when the box is too short, and touches nothing', () => {
    const { document } = page('<input id="c" maxlength="6" value="">');
    const input = document.getElementById('c') as HTMLInputElement;
    let events = 0;
    input.addEventListener('input', () => events++);
    expect(fillCode([input], '12345678')).toBe(false);
    expect(input.value).toBe('');
    expect(events).toBe(0);
  });

  it('refuses split boxes that do not match the code length, disabled fields and empty codes', () => {
    const { document } = page(
      '<input id="a" maxlength="1"><input id="b" maxlength="1"><input id="c" maxlength="1"><input id="d" maxlength="1"><input id="x" disabled>',
    );
    const boxes = ['a', 'b', 'c', 'd'].map((id) => document.getElementById(id) as HTMLInputElement);
    expect(fillCode(boxes, '123456')).toBe(false);
    expect(boxes.every((b) => b.value === '')).toBe(true);
    expect(fillCode([document.getElementById('x') as HTMLInputElement], '123456')).toBe(false);
    expect(fillCode(boxes, '  ')).toBe(false);
    expect(fillCode([], '123456')).toBe(false);
  });

  it('uses the value setter of the input’s own window (an iframe’s, not the top page’s)', () => {
    const { window, document } = page('<input id="c">');
    const input = document.getElementById('c') as HTMLInputElement;
    // happy-dom shares element classes between windows, so stand in a frame window whose
    // HTMLInputElement prototype records the values set through it.
    const native = Object.getOwnPropertyDescriptor(
      window.HTMLInputElement.prototype,
      'value',
    ) as PropertyDescriptor;
    const viaFrameSetter: string[] = [];
    const frameProto = Object.create(window.HTMLInputElement.prototype, {
      value: {
        get: native.get,
        set(v: string) {
          viaFrameSetter.push(v);
          native.set?.call(this, v);
        },
      },
    });
    const frameWindow = new Proxy(window, {
      get: (target, key) =>
        key === 'HTMLInputElement' ? { prototype: frameProto } : Reflect.get(target, key),
    });
    Object.defineProperty(document, 'defaultView', { value: frameWindow });
    expect(fillCode([input], '6543')).toBe(true);
    expect(viaFrameSetter).toEqual(['6', '65', '654', '6543']);
    expect(input.value).toBe('6543');
  });
});

describe('fillCode with recovery codes', () => {
  it('fills a code with dashes and reports success', () => {
    const { document } = page('<input id="r" />');
    const input = document.getElementById('r') as HTMLInputElement;
    expect(fillCode([input], 'k7dq-2m9x')).toBe(true);
    expect(input.value).toBe('k7dq-2m9x');
  });
});
