import { classifyQrText, decodeUriPart } from './classify';

/** What a scan means for the user: one code to confirm, several to pick from, or why there is nothing. */
export type ScanOutcome =
  | { kind: 'one'; text: string }
  | { kind: 'several'; codes: { text: string; label: string }[] }
  | { kind: 'not-setup'; text: string }
  | { kind: 'out-of-view' }
  | { kind: 'none' };

/** A readable name for a setup code before it is parsed: the otpauth label, or "Google Authenticator export". */
function labelOf(uri: string): string {
  const label = /^otpauth:\/\/[^/]+\/([^?]*)/i.exec(uri)?.[1];
  return label ? decodeUriPart(label) : uri.slice(0, 60);
}

/**
 * Sorts decoded QR texts into what the popup should show next. `unreadOutOfView`: the page shows a
 * picture that may be a code outside the visible area, which neither the page nor the screenshot could
 * read; scrolling it into view is then the user's next step, even when some other QR code was read.
 */
export function scanOutcome(texts: string[], exportLabel: string, unreadOutOfView = false): ScanOutcome {
  const contents = texts.map(classifyQrText);
  const setup = contents.flatMap((c) => (c.kind === 'other' ? [] : [c.uri]));
  if (setup.length === 1 && setup[0]) return { kind: 'one', text: setup[0] };
  if (setup.length > 1) {
    return {
      kind: 'several',
      codes: setup.map((text) => ({
        text,
        label: /^otpauth-migration:/i.test(text) ? exportLabel : labelOf(text),
      })),
    };
  }
  if (unreadOutOfView) return { kind: 'out-of-view' };
  const other = contents.find((c) => c.kind === 'other');
  return other?.kind === 'other' ? { kind: 'not-setup', text: other.text } : { kind: 'none' };
}
