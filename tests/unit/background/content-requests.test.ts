import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { route } from '../../../entrypoints/background/router';
import { getVault } from '../../../entrypoints/background/vault-session';
import { generateCode } from '../../../lib/otp/generate';

// The background as a content script meets it: messages come with the sender the browser reports, and the
// frame's site is taken from that sender, never from the message.

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const contentSender = (url: string, frameId = 0) => ({
  id: browser.runtime.id,
  url,
  tab: { id: 7 } as never,
  frameId,
});
const pageSender = { id: browser.runtime.id, url: browser.runtime.getURL('/popup.html') };

let githubId = '';

beforeAll(async () => {
  fakeBrowser.reset();
  const vault = await getVault();
  await vault.setup('correct horse battery staple');
  githubId = (
    await vault.addAccount({
      type: 'totp',
      issuer: 'GitHub',
      label: 'octocat',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      sites: [{ host: 'github.com', exact: false }],
    })
  ).id;
  await vault.addAccount({
    type: 'totp',
    issuer: 'Auto',
    label: 'auto',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    sites: [{ host: 'auto.example', exact: false }],
    autoFill: true,
  });
}, 30_000);

describe('content-script requests', () => {
  it('tells a frame on the account’s site which account can fill, without a code', async () => {
    const reply = await route(
      { type: 'prompt/found', kind: 'totp' },
      contentSender('https://github.com/sessions/two-factor'),
    );
    expect(reply).toMatchObject({
      ok: true,
      locked: false,
      choices: [{ id: githubId, name: 'GitHub (octocat)' }],
      autoFill: null,
    });
  });

  it.each([
    'https://github.com.evil.example/sessions/two-factor',
    'https://githuh.com/login',
    'http://github.com/login',
    'https://evil.example/?next=https://github.com',
  ])('tells %s nothing, not even the account list', async (url) => {
    expect(await route({ type: 'prompt/found', kind: 'totp' }, contentSender(url))).toMatchObject({
      ok: true,
      choices: [],
    });
    expect(await route({ type: 'code/get' }, contentSender(url))).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await route({ type: 'code/get', accountId: githubId }, contentSender(url))).toMatchObject({
      ok: false,
    });
  });

  it('gives the matching frame the current code', async () => {
    const reply = await route(
      { type: 'code/get' },
      contentSender('https://github.com/sessions/two-factor', 3),
    );
    const expected = await generateCode(
      {
        type: 'totp',
        issuer: '',
        label: '',
        secret: SECRET,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
      Date.now(),
    );
    expect(reply).toMatchObject({ ok: true, code: expected.code, submit: false });
  });

  it('fills on page load only for an account whose user turned automatic fill on', async () => {
    const auto = await route(
      { type: 'prompt/found', kind: 'totp' },
      contentSender('https://login.auto.example/'),
    );
    expect(auto).toMatchObject({ ok: true, autoFill: { code: expect.stringMatching(/^\d{6}$/) } });
    const sms = await route(
      { type: 'prompt/found', kind: 'sms' },
      contentSender('https://login.auto.example/'),
    );
    expect(sms).toMatchObject({ ok: true, autoFill: null });
  });

  it('refuses page requests from a content script, and anything from another extension', async () => {
    expect(await route({ type: 'accounts/list' }, contentSender('https://github.com/'))).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    });
    expect(
      await route({ type: 'vault/status' }, { id: 'someone-else', url: 'chrome-extension://x/popup.html' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('answers malformed messages with an error and changes nothing', async () => {
    expect(
      await route({ type: 'prompt/found', kind: 'sms; DROP' }, contentSender('https://github.com/')),
    ).toMatchObject({ ok: false });
    expect(await route({ type: 'vault/status', extra: 1 }, pageSender)).toMatchObject({
      ok: true,
      state: 'unlocked',
    });
    expect(await route(null, pageSender)).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});
