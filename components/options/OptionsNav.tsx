import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  OPTIONS_SECTIONS,
  type OptionsSection,
  sectionFromHash,
  sectionInView,
} from '../../lib/options/sections';
import { t } from '../i18n';

/** Each section's name, shown in the navigation and as the section's heading. */
const SECTION_TITLES: Record<OptionsSection, string> = {
  accounts: 'sectionAccounts',
  backup: 'sectionBackup',
  security: 'security',
  connected: 'connectedPortals',
  settings: 'settings',
};

/** How far below the viewport's top a section's heading counts as the one being read (clears the sticky bar). */
const READING_LINE_PX = 96;

/**
 * Links to the page's sections, the one being read marked. Plain links rather than tabs: every section stays on
 * the page (a search with Ctrl+F finds any setting), the hash names the section, and Tab reaches each link.
 */
export function OptionsNav() {
  const current = useSectionInView();
  return (
    <nav class="options-nav" aria-label={t('optionsSections')} data-testid="options-nav">
      <ul>
        {OPTIONS_SECTIONS.map((id) => (
          <li key={id}>
            <a
              href={`#${id}`}
              data-testid={`options-nav-${id}`}
              aria-current={current === id ? 'location' : undefined}
            >
              {t(SECTION_TITLES[id])}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** One section of the page: its heading, named as in the navigation, and its cards. */
export function OptionsGroup({ id, children }: { id: OptionsSection; children: ComponentChildren }) {
  return (
    <section
      id={id}
      class="options-group stack"
      aria-labelledby={`section-${id}-title`}
      data-testid={`options-section-${id}`}
    >
      <h2 id={`section-${id}-title`}>{t(SECTION_TITLES[id])}</h2>
      {children}
    </section>
  );
}

/**
 * The section at the reading line, followed as the page scrolls. The page renders its sections only once the
 * vault is open, after the browser's own jump to the hash: the jump is made again here once they exist.
 */
function useSectionInView(): OptionsSection {
  const [current, setCurrent] = useState<OptionsSection>(() => sectionFromHash(location.hash) ?? 'accounts');
  useEffect(() => {
    const measure = () => {
      const tops = OPTIONS_SECTIONS.flatMap((id) => {
        const element = document.getElementById(id);
        return element ? [{ id, top: element.getBoundingClientRect().top }] : [];
      });
      const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
      setCurrent(
        sectionInView(
          tops,
          READING_LINE_PX,
          atEnd ? { viewportHeight: window.innerHeight, hashed: sectionFromHash(location.hash) } : null,
        ),
      );
    };
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    document.getElementById(sectionFromHash(location.hash) ?? '')?.scrollIntoView();
    measure();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    // Following a link to a section already on screen scrolls nothing, yet that section becomes the one named.
    window.addEventListener('hashchange', onScroll);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
      window.removeEventListener('hashchange', onScroll);
    };
  }, []);
  return current;
}
