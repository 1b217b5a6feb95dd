// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { classifyKind } from '../../../lib/detect/classify-kind';
import { findOtpPrompt } from '../../../lib/detect/find-otp-prompt';
import { watchForOtpPrompt } from '../../../lib/detect/watch';
import { addLateContent, cases, loadFixture } from './load-fixture';

const summary = (p: ReturnType<typeof findOtpPrompt>) =>
  p && { kind: classifyKind(p.evidence), ids: p.inputs.map((i) => i.id) };

describe('fixture manifest', () => {
  it('has at least 32 positive and 16 negative pages', () => {
    expect(cases.filter((c) => c.expect).length).toBeGreaterThanOrEqual(32);
    expect(cases.filter((c) => !c.expect).length).toBeGreaterThanOrEqual(16);
  });
});

describe('findOtpPrompt on fixtures', () => {
  for (const c of cases.filter((x) => !x.late)) {
    it(`${c.file} → ${c.expect ? c.expect.kind : 'no prompt'}`, async () => {
      const { window, document } = loadFixture(c.file);
      expect(summary(findOtpPrompt(document))).toEqual(c.expect);
      await window.happyDOM.close();
    });
  }

  for (const c of cases.filter((x) => x.late)) {
    it(`${c.file}: found by the watcher once the field arrives`, async () => {
      vi.useFakeTimers();
      const { window, document } = loadFixture(c.file);
      const found = vi.fn();
      const stop = watchForOtpPrompt(document, found);
      expect(found).not.toHaveBeenCalled();
      addLateContent(document);
      await vi.advanceTimersByTimeAsync(200);
      expect(found).toHaveBeenCalledTimes(1);
      expect(summary(found.mock.calls[0]?.[0])).toEqual(c.expect);
      stop();
      vi.useRealTimers();
      await window.happyDOM.close();
    });
  }
});
