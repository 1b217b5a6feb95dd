// Loads an HTML fixture into its own happy-dom window, applying the fixture conventions of cases.json.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/prompts');

export interface Case {
  file: string;
  expect: { kind: string; ids: string[] } | null;
  late?: boolean;
  note?: string;
}

export const cases: Case[] = JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8')).cases;

/** A window holding `html`, with `<template data-shadow-host>` attached as open shadow roots. */
export function loadHtml(html: string): { window: Window; document: Document } {
  const window = new Window({ url: 'https://example.test/' });
  const document = window.document as unknown as Document;
  document.write(html);
  for (const tpl of document.querySelectorAll<HTMLTemplateElement>('template[data-shadow-host]')) {
    const host = document.getElementById(tpl.dataset.shadowHost ?? '');
    host?.attachShadow({ mode: 'open' }).append(tpl.content.cloneNode(true));
  }
  return { window, document };
}

/** Appends each `<template data-late-into>` into its target, as a page script would later. */
export function addLateContent(document: Document): void {
  for (const tpl of document.querySelectorAll<HTMLTemplateElement>('template[data-late-into]')) {
    document.getElementById(tpl.dataset.lateInto ?? '')?.append(tpl.content.cloneNode(true));
  }
}

export const loadFixture = (file: string) => loadHtml(readFileSync(join(FIXTURES, file), 'utf8'));
