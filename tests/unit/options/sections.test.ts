import { describe, expect, it } from 'vitest';
import { OPTIONS_SECTIONS, sectionFromHash, sectionInView } from '../../../lib/options/sections';

const tops = (...values: number[]) => OPTIONS_SECTIONS.map((id, i) => ({ id, top: values[i] ?? 0 }));

describe('options page sections', () => {
  it('opens the section a link names, with or without the #', () => {
    expect(sectionFromHash('#backup')).toBe('backup');
    expect(sectionFromHash('connected')).toBe('connected');
    for (const id of OPTIONS_SECTIONS) expect(sectionFromHash(`#${id}`)).toBe(id);
  });

  it('ignores an empty, unknown or differently cased hash', () => {
    expect(sectionFromHash('')).toBeNull();
    expect(sectionFromHash('#')).toBeNull();
    expect(sectionFromHash('#Backup')).toBeNull();
    expect(sectionFromHash('#backup-title')).toBeNull();
  });

  it('marks the last section whose top has passed the line', () => {
    expect(sectionInView(tops(100, 900, 1500, 2000, 2400), 80, null)).toBe('accounts');
    expect(sectionInView(tops(-800, 40, 700, 1200, 1600), 80, null)).toBe('backup');
    expect(sectionInView(tops(-3000, -2000, -900, 80, 400), 80, null)).toBe('connected');
  });

  it('at the end of the page, marks the section the link named when it is on screen', () => {
    const end = tops(-3000, -2000, -900, 60, 420);
    expect(sectionInView(end, 80, { viewportHeight: 700, hashed: 'settings' })).toBe('settings');
    // Without a hash, or with one naming a section scrolled away, the line decides.
    expect(sectionInView(end, 80, { viewportHeight: 700, hashed: null })).toBe('connected');
    expect(sectionInView(end, 80, { viewportHeight: 700, hashed: 'backup' })).toBe('connected');
  });
});
