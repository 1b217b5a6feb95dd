// punycode.js ships no types; only the one function Tessera uses is declared.
declare module 'punycode/punycode.es6.js' {
  export function toUnicode(domain: string): string;
}
