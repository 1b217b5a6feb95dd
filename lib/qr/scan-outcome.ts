import { classifyQrText } from './classify';

/** What a scan means for the user: one code to confirm, several to pick from, or why there is nothing. */
export type ScanOutcome =
  | { kind: 'one'; text: string }
  | { kind: 'several'; codes: { text: string; label: string }[] }
  | { kind: 'not-setup'; text: string }
  | { kind: 'none' };

/** A readable name for a setup code before it is parsed: the otpauth label, or "Google Authenticator export". */
function labelOf(uri: string): string {
  const label = /^otpauth:\/\/[^/]+\/([^?]*)/i.exec(uri)?.[1];
  if (!label) return uri.slice(0, 60);
  try {
    return decodeURIComponent(label);
  } catch {
    return label;
  }
}

/** Sorts decoded QR texts into what the popup should show next. */
export function scanOutcome(texts: string[], exportLabel: string): ScanOutcome {
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
  const other = contents.find((c) => c.kind === 'other');
  return other?.kind === 'other' ? { kind: 'not-setup', text: other.text } : { kind: 'none' };
}
