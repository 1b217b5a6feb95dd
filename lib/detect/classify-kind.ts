import type { Evidence, OtpKind } from './types';
import { ALTERNATIVE, KIND_WORDS, SENT, TOTP_FALLBACK } from './words';

/** The channel a prompt's code comes from, by the field's own words first and nearby text after. */
export function classifyKind(e: Evidence): OtpKind {
  const sources: [string, number][] = [[`${e.attrs} ${e.own}`, 6]];
  e.context.forEach((text, level) => {
    sources.push([text.replace(ALTERNATIVE, ''), Math.max(1, 5 - level)]);
  });
  let kind: OtpKind = 'unknown';
  let best = 0;
  for (const [name, words] of KIND_WORDS) {
    let score = 0;
    for (const [text, weight] of sources) if (words.test(text)) score += weight;
    if (score > best) {
      kind = name;
      best = score;
    }
  }
  if (kind !== 'unknown') return kind;
  const all = sources.map(([text]) => text).join(' ');
  // Authenticator codes are digits; 8–10 letters and digits that were "sent" come by e-mail (Microsoft, Epic).
  if (e.letters && SENT.test(all)) return 'email';
  return TOTP_FALLBACK.test(all) ? 'totp' : 'unknown';
}
