/**
 * The options page's sections, in page order. Each id is also the URL hash that opens it
 * (`options.html#backup`), so other pages (the popup's backup reminder) can link straight to one.
 */
export const OPTIONS_SECTIONS = ['accounts', 'backup', 'security', 'connected', 'settings'] as const;
export type OptionsSection = (typeof OPTIONS_SECTIONS)[number];

/** The section a URL hash names (`#backup`, `backup`), or null for an empty or unknown hash. */
export function sectionFromHash(hash: string): OptionsSection | null {
  const id = hash.replace(/^#/, '');
  return (OPTIONS_SECTIONS as readonly string[]).includes(id) ? (id as OptionsSection) : null;
}

/**
 * The section the reader is in: the last one whose top has scrolled up to `line` (px from the viewport's top).
 * Scrolled to the very end, the section the URL named wins when its top is on screen: a short last section
 * can never reach the line, yet its link was the one followed.
 */
export function sectionInView(
  tops: readonly { id: OptionsSection; top: number }[],
  line: number,
  atEnd: { viewportHeight: number; hashed: OptionsSection | null } | null,
): OptionsSection {
  let current: OptionsSection = tops[0]?.id ?? OPTIONS_SECTIONS[0];
  for (const { id, top } of tops) if (top <= line) current = id;
  const hashed = atEnd && tops.find((section) => section.id === atEnd.hashed);
  if (hashed && hashed.top >= 0 && hashed.top < atEnd.viewportHeight) return hashed.id;
  return current;
}
