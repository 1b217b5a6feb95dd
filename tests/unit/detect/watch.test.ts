// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { classifyKind } from '../../../lib/detect/classify-kind';
import type { OtpPrompt } from '../../../lib/detect/types';
import { watchForOtpPrompt } from '../../../lib/detect/watch';
import { loadHtml } from './load-fixture';

let close: () => Promise<void>;
let doc: Document;
beforeEach(() => {
  vi.useFakeTimers();
  const { window, document } = loadHtml('<!doctype html><html><body><main id="app"></main></body></html>');
  doc = document;
  close = () => window.happyDOM.close();
});
afterEach(async () => {
  vi.useRealTimers();
  await close();
});

const app = () => doc.getElementById('app') as HTMLElement;
/** Lets the first look run: it waits for the page to be idle (at most a second). */
const firstLook = () => vi.advanceTimersByTimeAsync(1000);
const otpStep = (id: string) =>
  `<h1>Two-factor authentication</h1><p>Enter the code from your authenticator app.</p><input id="${id}" name="otp" inputmode="numeric" maxlength="6">`;
/** Detection runs, counted by the one tree walk each run makes over the document. */
function countRuns(): () => number {
  const spy = vi.spyOn(doc, 'createTreeWalker');
  const start = spy.mock.calls.length;
  return () => spy.mock.calls.slice(start).filter(([root]) => root === doc).length;
}

describe('watchForOtpPrompt', () => {
  it('reports a prompt that is already there once the page is idle, not during its start-up', async () => {
    app().innerHTML = otpStep('now');
    const found = vi.fn();
    const stop = watchForOtpPrompt(doc, found);
    expect(found).not.toHaveBeenCalled();
    await firstLook();
    expect(found).toHaveBeenCalledTimes(1);
    expect((found.mock.calls[0]?.[0] as OtpPrompt | undefined)?.inputs[0]?.id).toBe('now');
    stop();
  });

  it('finds a field added later by script, after the debounce delay', async () => {
    const found = vi.fn();
    const stop = watchForOtpPrompt(doc, found);
    await firstLook();
    app().insertAdjacentHTML('beforeend', otpStep('late'));
    await vi.advanceTimersByTimeAsync(100);
    expect(found).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(100);
    expect(found).toHaveBeenCalledTimes(1);
    stop();
  });

  it('follows SPA steps: reports each new prompt once, not re-detections of the same one', async () => {
    app().innerHTML = '<h1>Sign in</h1><input id="user" name="username"><input type="password" name="pw">';
    const found = vi.fn();
    const stop = watchForOtpPrompt(doc, found);
    await firstLook();
    expect(found).not.toHaveBeenCalled();

    app().innerHTML = otpStep('step2');
    await vi.advanceTimersByTimeAsync(200);
    app().append(doc.createElement('input')); // an unrelated input: re-detects the same prompt
    await vi.advanceTimersByTimeAsync(200);
    app().innerHTML =
      '<h1>Two-factor recovery</h1><label for="rc">Recovery code</label><input id="rc" name="recovery_code">';
    await vi.advanceTimersByTimeAsync(200);

    expect(found.mock.calls.map(([p]) => `${classifyKind(p.evidence)}:${p.inputs[0].id}`)).toEqual([
      'totp:step2',
      'recovery:rc',
    ]);
    stop();
  });

  it('runs detection once for a burst of 100 mutations, and a few times for 100 spread over a second', async () => {
    const stop = watchForOtpPrompt(doc, () => {});
    await firstLook();
    const runs = countRuns();
    for (let i = 0; i < 100; i++) app().insertAdjacentHTML('beforeend', `<div><input name="f${i}"></div>`);
    await vi.advanceTimersByTimeAsync(300);
    expect(runs()).toBe(1);

    const spread = countRuns();
    for (let i = 0; i < 100; i++) {
      app().insertAdjacentHTML('beforeend', `<p><input name="g${i}"></p>`);
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(300);
    expect(spread()).toBeGreaterThan(1);
    expect(spread()).toBeLessThanOrEqual(8);
    stop();
  });

  it('does no detection work for mutations that add no inputs', async () => {
    const stop = watchForOtpPrompt(doc, () => {});
    await firstLook();
    const runs = countRuns();
    for (let i = 0; i < 50; i++)
      app().insertAdjacentHTML('beforeend', '<div><p>news item</p><span>…</span></div>');
    app().append('text');
    await vi.advanceTimersByTimeAsync(500);
    expect(runs()).toBe(0);
    stop();
  });

  it('notices shadow hosts nested in added content and inputs added inside a known shadow root', async () => {
    const found = vi.fn();
    const stop = watchForOtpPrompt(doc, found);
    await firstLook();
    const wrapper = doc.createElement('div');
    const host = doc.createElement('otp-box');
    wrapper.append(host);
    const sr = host.attachShadow({ mode: 'open' });
    app().append(wrapper);
    await vi.advanceTimersByTimeAsync(200);
    expect(found).not.toHaveBeenCalled();

    sr.innerHTML = otpStep('in-shadow');
    await vi.advanceTimersByTimeAsync(200);
    expect(found).toHaveBeenCalledTimes(1);
    expect((found.mock.calls[0]?.[0] as OtpPrompt | undefined)?.inputs[0]?.id).toBe('in-shadow');
    stop();
  });

  it('stops: no detection after the stop function is called', async () => {
    const found = vi.fn();
    const stop = watchForOtpPrompt(doc, found);
    await firstLook();
    app().insertAdjacentHTML('beforeend', otpStep('x'));
    stop();
    await vi.advanceTimersByTimeAsync(500);
    app().insertAdjacentHTML('beforeend', otpStep('y'));
    await vi.advanceTimersByTimeAsync(500);
    expect(found).not.toHaveBeenCalled();
  });
});

describe('watchForOtpPrompt and steps shown by style', () => {
  it('finds a field whose container is un-hidden, but ignores class changes on <body>', async () => {
    app().innerHTML = `<div id="step" style="display:none">${otpStep('shown')}</div>`;
    const found = vi.fn();
    const stop = watchForOtpPrompt(doc, found);
    await firstLook();
    expect(found).not.toHaveBeenCalled();

    const runs = countRuns();
    doc.body.className = 'scrolled';
    await vi.advanceTimersByTimeAsync(200);
    expect(runs()).toBe(0);

    doc.getElementById('step')?.removeAttribute('style');
    await vi.advanceTimersByTimeAsync(200);
    expect(found).toHaveBeenCalledTimes(1);
    stop();
  });
});

describe('watchForOtpPrompt before the first look', () => {
  it('never looks when stopped before the page was idle', async () => {
    app().innerHTML = otpStep('early');
    const found = vi.fn();
    const stop = watchForOtpPrompt(doc, found);
    stop();
    await firstLook();
    expect(found).not.toHaveBeenCalled();
  });
});
