// Order statistics for benchmark samples: medians for the headline, p90 for the tail.

/** The q-quantile (0..1) of the samples by nearest rank. */
export function quantile(samples, q) {
  if (samples.length === 0) throw new Error('No samples were collected, so there is no figure to report.');
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Median of the samples (the lower middle one for an even count, so it is always a measured value). */
export const median = (samples) => quantile(samples, 0.5);

/** 90th percentile of the samples by nearest rank. */
export const p90 = (samples) => quantile(samples, 0.9);

/** Runs `fn` `warmup` times unmeasured, then `runs` times, and returns each run's milliseconds. */
export async function timeRuns(fn, { runs, warmup = 0 }) {
  const times = [];
  for (let i = 0; i < warmup + runs; i++) {
    const start = performance.now();
    await fn(i);
    if (i >= warmup) times.push(performance.now() - start);
  }
  return times;
}
