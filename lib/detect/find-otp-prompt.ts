import { collectInputs, isInsideHidden, isRendered, layoutProbe } from './collect-inputs';
import { resetLabelIndex } from './field-text';
import { scorePrompt, THRESHOLD } from './score-prompt';
import { groupSplitBoxes } from './split-boxes';
import type { OtpPrompt } from './types';

// Re-exported for the benchmark's bundle; the detector leaves it out (it runs in the filler).
export { classifyKind } from './classify-kind';
export type { OtpKind, OtpPrompt } from './types';

/**
 * The most likely one-time-code prompt under `root` (open shadow roots included), or null.
 * `onShadowRoot` sees each open shadow root walked, so a watcher can observe it too.
 */
export function findOtpPrompt(
  root: Document | ShadowRoot,
  onShadowRoot?: (sr: ShadowRoot) => void,
): OtpPrompt | null {
  const inputs = collectInputs(root, onShadowRoot);
  if (inputs.length === 0) return null;
  resetLabelIndex();
  const runs: HTMLInputElement[][] = [];
  const boxes: HTMLInputElement[] = [];
  for (const input of inputs) {
    if (input.maxLength !== 1) runs.push([input]);
    // A hidden box must not join (or split) the visible boxes' run, so it is left out before grouping.
    else if (!isInsideHidden(input)) boxes.push(input);
  }
  runs.push(...groupSplitBoxes(boxes));
  let best: OtpPrompt | null = null;
  let bestScore = THRESHOLD - 1;
  const hasLayout = layoutProbe(root);
  for (const run of runs) {
    // A field that already holds something (a pairing code, a coupon, what the user typed) is not ours to fill.
    if (run.some((input) => input.value !== '')) continue;
    const scored = scorePrompt(run);
    if (scored && scored.score > bestScore && run.every((input) => isRendered(input, hasLayout))) {
      bestScore = scored.score;
      best = { evidence: scored.evidence, inputs: run };
    }
  }
  return best;
}
