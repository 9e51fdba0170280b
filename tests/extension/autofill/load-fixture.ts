// Loads a fixture page into a fresh happy-dom or jsdom window, the way a browser's parser would build it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { JSDOM } from 'jsdom';

/** The DOM implementations the detector must work under (the contract names both). */
export type DomEngine = 'happy-dom' | 'jsdom';
export const DOM_ENGINES: readonly DomEngine[] = ['happy-dom', 'jsdom'];

export const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Names of the fixture files of one kind. */
export function fixtureNames(kind: 'positive' | 'negative'): string[] {
  return readdirSync(join(FIXTURES, kind))
    .filter((f) => f.endsWith('.html'))
    .sort();
}

/**
 * A document holding the fixture. happy-dom's parser does not build declarative shadow roots
 * (`<template shadowrootmode="open">`), so they are attached here as a browser would.
 */
export function loadHtml(
  html: string,
  url = 'https://example.test/',
  engine: DomEngine = 'happy-dom',
): Document {
  let document: Document;
  if (engine === 'jsdom') {
    document = new JSDOM(html, { url }).window.document;
  } else {
    document = new Window({ url }).document as unknown as Document;
    document.write(html);
  }
  attachDeclarativeShadowRoots(document);
  return document;
}

function attachDeclarativeShadowRoots(root: Document | ShadowRoot): void {
  for (const t of [...root.querySelectorAll<HTMLTemplateElement>('template[shadowrootmode]')]) {
    const host = t.parentElement;
    if (!host || host.shadowRoot) continue;
    const shadow = host.attachShadow({
      mode: t.getAttribute('shadowrootmode') === 'closed' ? 'closed' : 'open',
    });
    shadow.appendChild(t.content);
    t.remove();
    attachDeclarativeShadowRoots(shadow);
  }
}

/** Loads fixtures/<kind>/<name>. */
export function loadFixture(kind: 'positive' | 'negative', name: string, engine?: DomEngine): Document {
  return loadHtml(readFileSync(join(FIXTURES, kind, name), 'utf8'), undefined, engine);
}

/** All inputs of a document, shadow roots included. */
function allInputs(root: Document | ShadowRoot, out: HTMLInputElement[] = []): HTMLInputElement[] {
  for (const el of root.querySelectorAll('*')) {
    if (el.tagName === 'INPUT') out.push(el as HTMLInputElement);
    if (el.shadowRoot) allInputs(el.shadowRoot, out);
  }
  return out;
}

/**
 * The places a fixture expects, from `data-expect-otp="P"` (a single input of place P) or
 * `"P.B"` (box B of split code P).
 */
export function expectedPlaces(doc: Document): HTMLInputElement[][] {
  const places: HTMLInputElement[][] = [];
  for (const input of allInputs(doc)) {
    const mark = input.getAttribute('data-expect-otp');
    if (mark === null) continue;
    const [p, b] = mark.split('.').map(Number);
    const place = places[p as number] ?? [];
    place[b ?? 0] = input;
    places[p as number] = place;
  }
  return places;
}
