// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { classifyKind } from '../../../lib/detect/classify-kind';
import { collectInputs } from '../../../lib/detect/collect-inputs';
import { findOtpPrompt } from '../../../lib/detect/find-otp-prompt';
import { groupSplitBoxes } from '../../../lib/detect/split-boxes';
import { loadHtml } from './load-fixture';

let close: (() => Promise<void>) | undefined;

/** The kind of the prompt found in `doc`, as the filler tells it. */
const kindOf = (doc: Document) => {
  const found = findOtpPrompt(doc);
  return found && classifyKind(found.evidence);
};
afterEach(async () => {
  await close?.();
  close = undefined;
});
function page(body: string): Document {
  const { window, document } = loadHtml(`<!doctype html><html><body>${body}</body></html>`);
  close = () => window.happyDOM.close();
  return document;
}
const ids = (doc: Document) => findOtpPrompt(doc)?.inputs.map((i) => i.id) ?? null;
const box = (id: string) => `<input id="${id}" inputmode="numeric" maxlength="1">`;

describe('split boxes', () => {
  it('needs 4 to 8 neighbouring one-character boxes', () => {
    const three = page(`<h1>Enter the code we sent</h1><div>${['a', 'b', 'c'].map(box).join('')}</div>`);
    expect(findOtpPrompt(three)).toBeNull();
    const nine = page(`<h1>Enter the code we sent</h1><div>${'abcdefghi'.split('').map(box).join('')}</div>`);
    expect(findOtpPrompt(nine)).toBeNull();
    const four = page(`<h1>Enter the code we sent</h1><div>${'abcd'.split('').map(box).join('')}</div>`);
    expect(ids(four)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps distant groups of boxes apart', () => {
    const doc = page(
      `<section><div><div><div>${'abcd'.split('').map(box).join('')}</div></div></div></section>` +
        `<section><div><div><div>${'efgh'.split('').map(box).join('')}</div></div></div></section>`,
    );
    const runs = groupSplitBoxes(collectInputs(doc));
    expect(runs.map((r) => r.map((i) => i.id).join(''))).toEqual(['abcd', 'efgh']);
  });

  it('orders boxes left to right when layout exists (flex row-reverse)', () => {
    const doc = page(
      `<div style="display:flex;flex-direction:row-reverse">${'abcdef'.split('').map(box).join('')}</div>`,
    );
    const boxes = [...doc.querySelectorAll('input')];
    boxes.forEach((b, i) => {
      const left = (5 - i) * 40;
      b.getBoundingClientRect = () =>
        ({ left, right: left + 30, top: 100, bottom: 140, width: 30, height: 40 }) as DOMRect;
    });
    expect(groupSplitBoxes(boxes)[0]?.map((i) => i.id)).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
  });
});

describe('visibility', () => {
  const otp = '<input id="otp" name="otp" autocomplete="one-time-code">';

  it('treats missing layout and a missing checkVisibility as visible', () => {
    const doc = page(otp);
    const input = doc.getElementById('otp') as HTMLInputElement;
    Object.defineProperty(input, 'checkVisibility', { value: undefined });
    expect(ids(doc)).toEqual(['otp']);
  });

  it('skips zero-size fields once the page has layout', () => {
    const doc = page(otp);
    const rect = (width: number) => () =>
      ({ width, height: width, left: 0, top: 0, right: width, bottom: width }) as DOMRect;
    doc.documentElement.getBoundingClientRect = rect(1024);
    (doc.getElementById('otp') as HTMLInputElement).getBoundingClientRect = rect(0);
    expect(findOtpPrompt(doc)).toBeNull();
    (doc.getElementById('otp') as HTMLInputElement).getBoundingClientRect = rect(40);
    expect(ids(doc)).toEqual(['otp']);
  });

  it('skips fields styled invisible and inside [hidden]', () => {
    expect(findOtpPrompt(page(`<div style="visibility:hidden">${otp}</div>`))).toBeNull();
    expect(findOtpPrompt(page(`<section hidden><div>${otp}</div></section>`))).toBeNull();
  });
});

describe('shadow DOM', () => {
  it('searches nested open shadow roots and reports each root', () => {
    const doc = page('<h1>Two-factor authentication</h1><outer-el id="outer"></outer-el>');
    const outer = (doc.getElementById('outer') as HTMLElement).attachShadow({ mode: 'open' });
    outer.innerHTML = '<div><inner-el id="inner"></inner-el></div>';
    const inner = (outer.getElementById('inner') as HTMLElement).attachShadow({ mode: 'open' });
    inner.innerHTML =
      '<label for="c">Verification code</label><input id="c" inputmode="numeric" maxlength="6">';
    const roots: ShadowRoot[] = [];
    expect(findOtpPrompt(doc, (sr) => roots.push(sr))?.inputs.map((i) => i.id)).toEqual(['c']);
    expect(roots).toEqual([outer, inner]);
  });

  it('does not see into closed shadow roots', () => {
    const doc = page('<x-closed id="h"></x-closed>');
    const closed = (doc.getElementById('h') as HTMLElement).attachShadow({ mode: 'closed' });
    closed.innerHTML = '<input id="c" name="otp" autocomplete="one-time-code">';
    expect(findOtpPrompt(doc)).toBeNull();
  });
});

describe('choosing and classifying', () => {
  it('prefers the strongest candidate on the page', () => {
    const doc = page(
      '<input id="weak" name="code" maxlength="6"><p>Enter the code</p>' +
        '<div><input id="strong" name="app_otp" autocomplete="one-time-code"></div>',
    );
    expect(ids(doc)).toEqual(['strong']);
  });

  it('ignores alternatives offered as links and buttons when naming the kind', () => {
    const doc = page(
      '<h1>Two-factor authentication</h1><p>Open your authenticator app.</p>' +
        '<input id="c" name="otp"><a href="#">Use a recovery code</a><button>Send an SMS instead</button>',
    );
    expect(kindOf(doc)).toBe('totp');
  });

  it('lets the field’s own label outweigh page text', () => {
    const doc = page(
      '<h1>Two-factor authentication</h1><p>Codes come from your authenticator app.</p>' +
        '<div><label for="r">Recovery code</label><input id="r" name="code"></div>',
    );
    expect(kindOf(doc)).toBe('recovery');
  });

  it('returns nothing on a page without inputs', () => {
    expect(findOtpPrompt(page('<h1>Two-factor authentication</h1><p>Nothing to type.</p>'))).toBeNull();
  });
});

describe('kind wording across languages', () => {
  it.each([
    ['Öffnen Sie Ihre Authenticator-App.', 'totp'],
    ["Ouvrez votre application d'authentification.", 'totp'],
    ['Usa il codice della tua app di autenticazione.', 'totp'],
    ['Abra o aplicativo de autenticação.', 'totp'],
    ['Google 身份验证器中的代码', 'totp'],
    ['Wir haben Ihnen eine Textnachricht gesendet.', 'sms'],
    ['Te enviamos un mensaje de texto.', 'sms'],
    ['Nous avons envoyé un code à votre téléphone.', 'sms'],
    ['Sent to the number ending in 42.', 'sms'],
    ['Revisa tu correo electrónico.', 'email'],
    ['Consultez votre courriel.', 'email'],
    ['メールに送信されたコード', 'email'],
    ['Gib einen deiner Wiederherstellungscodes ein.', 'recovery'],
    ['Saisissez un code de secours.', 'recovery'],
    ['Introduce un código de recuperación.', 'recovery'],
    ['Enter the code to continue.', 'unknown'],
  ])('"%s" → %s', (phrase, kind) => {
    const doc = page(
      `<main><p>${phrase}</p><div><label for="c">Verification code</label><input id="c" name="code"></div></main>`,
    );
    expect(kindOf(doc)).toBe(kind);
  });
});

describe('cost', () => {
  it('handles a 10,000-node page with 50 ordinary inputs quickly (happy-dom, generous bound)', () => {
    let html = '';
    for (let i = 0; i < 2000; i++) html += `<div class="card"><h3>Item ${i}</h3><p>Text ${i}</p></div>`;
    for (let i = 0; i < 50; i++) html += `<label>Field ${i}<input name="field${i}"></label>`;
    html += '<section><h2>Two-factor authentication</h2><input id="otp" name="otp" maxlength="6"></section>';
    const doc = page(html);
    const start = performance.now();
    expect(ids(doc)).toEqual(['otp']);
    // About 90 ms cold in happy-dom on the CI machine; the bound only catches runaway walks.
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
