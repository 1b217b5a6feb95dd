// Finds recovery/backup codes in page text or a downloaded text file. Real sites show them as a list
// of same-shaped tokens (GitHub `a1b2c-3d4e5` ×16, Google `1234 5678` ×10, GitLab 16 hex ×10, Discord
// `a1b2-c3d4`) or one long code (Microsoft `XXXXX-…` ×5 groups, Bitwarden 32 chars in 8 groups of 4,
// Twitter 12 chars). A token counts only if its groups are equal in length (phone numbers, dates and
// order ids are not), and a list only with a context word nearby or at least four same-shaped codes.

const CONTEXT_WORD = /\b(?:recovery|backup|back-up|emergency|scratch|rescue)\b/i;
const SECRET_WORD = /\b(?:secret key|setup key|text code|manual(?:ly)? entry|authenticator key)\b/i;
const FILE_CONTEXT = /recovery|backup|emergency|scratch|2fa|mfa|two[-_ ]?factor/i;
/** Lines above a list (header, account name, blank lines) in which its context word may sit. */
const CONTEXT_LINES_ABOVE = 8;
/** Lines below a list ("Keep these backup codes somewhere safe") that may carry its context word. */
const CONTEXT_LINES_BELOW = 2;
/** A list of this many same-shaped codes needs no context word. */
const MIN_LIST_WITHOUT_CONTEXT = 4;

const LIST_MARKER = /^(?:\(?\d{1,2}[.)]|[-*•◦·▪‣–—])\s+/u;
// Columns in a line: tabs, runs of spaces, or a new numbered item ("1. 1234 5678  6. 2345 6789").
const ITEM_SPLIT = /\t+| {2,}|(?<=\S) +(?=\(?\d{1,2}[.)] )/;
// Inline candidates in prose: alphanumeric groups joined by single hyphens, not part of a URL,
// e-mail address, version number or hex colour.
const INLINE_TOKEN = /(?<![\w#.\-/@])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w\-/@]|\.\w)/g;

interface Code {
  text: string;
  /** Group lengths and separator, e.g. "5-5" or "4 4": codes of one list share it. */
  shape: string;
  hasDigit: boolean;
  hasLetter: boolean;
  groups: number;
}

interface Line {
  /**
   * list: nothing but codes (and list markers); labelled: "Recovery code: …"; prose: anything else.
   */
  kind: 'blank' | 'list' | 'labelled' | 'prose';
  codes: Code[];
  context: boolean;
  /** Names a TOTP secret ("setup key"), which sites also show in groups of four. */
  secret: boolean;
}

/** Returns the recovery/backup codes shown in page or file text, as shown, de-duplicated, in order. */
export function findRecoveryCodes(text: string): string[] {
  return find(text, false);
}

/** Same as findRecoveryCodes for a downloaded file; a name like `github-recovery-codes.txt` is context. */
export function findRecoveryCodesInFile(name: string, text: string): string[] {
  return find(text, FILE_CONTEXT.test(name));
}

function find(text: string, fileIsContext: boolean): string[] {
  const lines = text.split(/\r\n|\r|\n/).map(parseLine);
  const hasContextNear = (from: number, to: number) => {
    if (fileIsContext) return true;
    // Upwards, the nearest label wins: a setup-key line above a grouped base32 secret is not context
    // even when "recovery codes" appears further up the page.
    for (let j = from - 1; j >= Math.max(0, from - CONTEXT_LINES_ABOVE); j--) {
      const above = lines[j] as Line;
      if (above.context) return true;
      if (above.secret) return false;
    }
    return lines.slice(to + 1, to + 1 + CONTEXT_LINES_BELOW).some((l) => l.context);
  };
  const found: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as Line;
    if (line.kind === 'labelled')
      found.push(...line.codes.filter((c) => c.hasDigit || isLong(c)).map((c) => c.text));
    // A code inside a sentence needs a context word in the same line, and more than a bare number.
    if (line.kind === 'prose' && line.context) {
      found.push(...line.codes.filter((c) => c.hasDigit && c.hasLetter).map((c) => c.text));
    }
    if (line.kind !== 'list') {
      i++;
      continue;
    }
    // A list: list lines, possibly with blank lines between them.
    const block: Code[] = [];
    let end = i;
    for (let j = i; j < lines.length; j++) {
      const next = lines[j] as Line;
      if (next.kind === 'list') {
        block.push(...next.codes);
        end = j;
      } else if (next.kind !== 'blank') break;
    }
    found.push(...acceptList(block, hasContextNear(i, end)));
    i = end + 1;
  }
  return [...new Set(found)];
}

function acceptList(block: Code[], inContext: boolean): string[] {
  const byShape = new Map<string, Code[]>();
  for (const code of block) byShape.set(code.shape, [...(byShape.get(code.shape) ?? []), code]);
  const accepted = new Set<Code>();
  for (const codes of byShape.values()) {
    const withDigits = codes.filter((c) => c.hasDigit);
    const ok = inContext
      ? withDigits.length > 0 || codes.some(isLong)
      : // Without context only a real list: mostly with digits, and not bare numbers (ids, amounts).
        codes.length >= MIN_LIST_WITHOUT_CONTEXT &&
        withDigits.length * 2 >= codes.length &&
        codes.some((c) => c.hasLetter || c.groups > 1);
    if (!ok) continue;
    // A letters-only token belongs to a list of letter-and-digit codes (Discord's `abcd-efgh` beside
    // `a1b2-c3d4`), never to a list of numbers ("show more" under Google's `1234 5678`).
    const alphanumeric = codes.some((c) => c.hasDigit && c.hasLetter);
    for (const c of codes) if (c.hasDigit || isLong(c) || alphanumeric) accepted.add(c);
  }
  return block.filter((c) => accepted.has(c)).map((c) => c.text);
}

function parseLine(raw: string): Line {
  const line = raw.replace(/[\u00a0\u2007\u202f]/g, ' ').trim();
  const context = CONTEXT_WORD.test(line);
  const secret = SECRET_WORD.test(line);
  if (line === '') return { kind: 'blank', codes: [], context, secret };
  const items = parseItems(line);
  if (items) return { kind: 'list', codes: items, context, secret };
  // "Recovery code: ABCD-EFGH-…" — what follows a labelled colon is read like a list line.
  const colon = line.lastIndexOf(':');
  if (colon > 0 && CONTEXT_WORD.test(line.slice(0, colon))) {
    const rest = parseItems(line.slice(colon + 1).trim());
    if (rest) return { kind: 'labelled', codes: rest, context, secret };
  }
  const codes = context
    ? [...line.matchAll(INLINE_TOKEN)].flatMap((m) => {
        const code = parseToken(m[0]);
        return code ? [code] : [];
      })
    : [];
  return { kind: 'prose', codes, context, secret };
}

/** Parses a string made only of codes (in columns, numbered or bulleted); undefined if anything else is there. */
function parseItems(text: string): Code[] | undefined {
  if (text === '') return undefined;
  const codes: Code[] = [];
  for (const rawItem of text.split(ITEM_SPLIT)) {
    const item = rawItem.trim().replace(LIST_MARKER, '');
    const whole = parseToken(item);
    if (whole) {
      codes.push(whole);
      continue;
    }
    // Several single-group codes separated by single spaces (a flattened grid).
    const parts = item.split(' ').map(parseToken);
    if (parts.length < 2 || parts.some((p) => !p || p.shape.includes(' '))) return undefined;
    codes.push(...(parts as Code[]));
  }
  return codes;
}

function parseToken(token: string): Code | undefined {
  if (token.includes('-') && token.includes(' ')) return undefined;
  const separator = token.includes('-') ? '-' : ' ';
  const groups = token.split(separator);
  if (groups.length > 8 || groups.some((g) => !/^[A-Za-z0-9]+$/.test(g))) return undefined;
  const length = groups.join('').length;
  if (length < 6 || length > 40) return undefined;
  // Random codes use one letter case; mixed case means a word or a name ("iPhone15").
  if (/[a-z]/.test(token) && /[A-Z]/.test(token)) return undefined;
  const hasDigit = /\d/.test(token);
  const hasLetter = /[A-Za-z]/.test(token);
  if (groups.length === 1) {
    // One group of letters is a word; more than 32 characters is a hash or a key, not a code.
    if (!hasDigit || length > 32) return undefined;
  } else {
    const size = (groups[0] as string).length;
    if (size < 3 || size > 10 || groups.some((g) => g.length !== size)) return undefined;
    // Digit-only groups beyond two are card, phone or account numbers; years are date ranges.
    if (!hasLetter && groups.length > 2) return undefined;
    if (!hasLetter && groups.every((g) => /^(?:19|20)\d\d$/.test(g))) return undefined;
  }
  return {
    text: groups.join(separator),
    shape: groups.map((g) => g.length).join(separator),
    hasDigit,
    hasLetter,
    groups: groups.length,
  };
}

/** Long enough to stand alone even without a digit, like Dropbox's `abcd efgh ijkl mnop`. */
function isLong(code: Code): boolean {
  return code.groups >= 4;
}
