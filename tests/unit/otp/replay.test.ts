import { describe, expect, it } from 'vitest';
import { nextUnusedCodeAt, stepAt } from '../../../lib/otp/replay';

describe('the last-step rule (RFC 6238 §5.2: each code once)', () => {
  const at = (seconds: number) => seconds * 1000;

  it('numbers steps from the epoch', () => {
    expect(stepAt(30, at(59))).toBe(1);
    expect(stepAt(30, at(60))).toBe(2);
    expect(stepAt(60, at(59))).toBe(0);
  });

  it('lets the current code go when nothing was used on the site', () => {
    expect(nextUnusedCodeAt(undefined, 30, at(45))).toBeNull();
  });

  it('lets the current code go when the last one used was from an earlier step', () => {
    expect(nextUnusedCodeAt(0, 30, at(45))).toBeNull();
  });

  it('waits for the next step when the current code was already used', () => {
    expect(nextUnusedCodeAt(1, 30, at(45))).toBe(at(60));
  });

  it('waits past a step used ahead of the clock (a near-expiry fill took the next code)', () => {
    expect(nextUnusedCodeAt(2, 30, at(59))).toBe(at(90));
  });
});
