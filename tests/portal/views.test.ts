import { describe, expect, it } from 'vitest';
import { codePromptView } from '../../portal/views/auth';
import { html, raw } from '../../portal/views/html';

describe('html templates', () => {
  it('escapes interpolated text and attributes, keeps nested templates and raw markup', () => {
    const name = `"><img src=x onerror=alert(1)>`;
    const out =
      html`<p title="${name}">${name}</p>${[html`<b>${'&'}</b>`, 'x<y']}${raw('<hr>')}${null}${false}`.value;
    expect(out).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p><b>&amp;</b>x&lt;y<hr>',
    );
  });

  it('marks up the code field the way autofill expects', () => {
    const page = codePromptView({ csrf: 't', dev: false }, '/login/code', 'sms', '•••• 42').value;
    expect(page).toContain('We sent a code to •••• 42.');
    expect(page).toMatch(/<label for="code">[^<]+<\/label>/);
    expect(page).toContain(
      'name="code" type="text" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]*" maxlength="6"',
    );
    expect(page).toContain('<input type="hidden" name="_csrf" value="t">');
  });
});
