/**
 * Finds split codes: 4–8 adjacent one-character boxes of the same type, in tree order. Tree order
 * is taken as visual order (pages that reorder boxes with CSS `order` or `row-reverse` are rare,
 * and a left-to-right reading of the DOM is what screen readers and auto-advance scripts use).
 */
import { parentOf } from './collect';

export const MIN_BOXES = 4;
export const MAX_BOXES = 8;
/** Boxes may sit in per-box wrappers (component libraries nest 3–4 deep) inside per-group wrappers. */
const MAX_LEVELS_TO_COMMON_ANCESTOR = 5;
const SMALL_INLINE_WIDTH = /(?:^|;)\s*width\s*:\s*(\d+(?:\.\d+)?)(px|em|rem|ch)/i;

/** A box of a split code: takes one character (maxlength 1, size 1, or a tiny width). */
export function isBox(input: HTMLInputElement, layout: boolean): boolean {
  if (input.maxLength === 1) return true;
  if (input.maxLength > 2) return false;
  if (input.getAttribute('size') === '1') return true;
  const m = SMALL_INLINE_WIDTH.exec(input.getAttribute('style') ?? '');
  if (m) {
    const n = Number(m[1]);
    return m[2]?.toLowerCase() === 'px' ? n > 0 && n <= 64 : n > 0 && n <= 4;
  }
  if (layout && input.maxLength === -1) {
    const r = input.getBoundingClientRect();
    return r.width > 0 && r.width <= 64 && r.height > 0;
  }
  return false;
}

function ancestors(el: Element, levels: number): Element[] {
  const out: Element[] = [];
  for (let cur = parentOf(el); cur && out.length < levels; cur = parentOf(cur)) out.push(cur);
  return out;
}

/**
 * How far up two neighbouring boxes meet (1 = same parent), or Infinity when they do not belong
 * together (different type, root or form, or no common ancestor within five levels).
 */
function distance(a: HTMLInputElement, b: HTMLInputElement): number {
  if (a.type !== b.type || a.getRootNode() !== b.getRootNode() || a.form !== b.form) return Infinity;
  const upA = ancestors(a, MAX_LEVELS_TO_COMMON_ANCESTOR);
  const upB = ancestors(b, MAX_LEVELS_TO_COMMON_ANCESTOR);
  for (let i = 0; i < upA.length; i++) {
    const j = upB.indexOf(upA[i] as Element);
    if (j >= 0) return Math.max(i, j) + 1;
  }
  return Infinity;
}

/**
 * A run longer than a code (two 6-box codes one after the other) is cut where neighbours are
 * furthest apart in the tree, until every part is short enough.
 */
function splitRun(run: HTMLInputElement[]): HTMLInputElement[][] {
  if (run.length <= MAX_BOXES) return [run];
  const links = run.slice(1).map((box, i) => distance(run[i] as HTMLInputElement, box));
  const worst = Math.max(...links);
  // evenly spread boxes (no weaker link anywhere) are one long grid, not a code
  if (links.every((d) => d === worst)) return [run];
  const cut = links.indexOf(worst) + 1;
  return [...splitRun(run.slice(0, cut)), ...splitRun(run.slice(cut))];
}

/** The result of grouping: split codes, and every other input to judge on its own. */
export interface Grouped {
  groups: HTMLInputElement[][];
  singles: HTMLInputElement[];
}

/**
 * Splits fillable inputs (in tree order) into runs of adjacent boxes. A run of 4–8 becomes a
 * group; shorter or longer runs (a 2-box form, a 10-box grid) are judged as single inputs.
 */
export function groupBoxes(inputs: readonly HTMLInputElement[], layout: boolean): Grouped {
  const groups: HTMLInputElement[][] = [];
  const singles: HTMLInputElement[] = [];
  let run: HTMLInputElement[] = [];
  const flush = () => {
    for (const part of splitRun(run)) {
      if (part.length >= MIN_BOXES && part.length <= MAX_BOXES) groups.push(part);
      else singles.push(...part);
    }
    run = [];
  };
  for (const input of inputs) {
    if (!isBox(input, layout)) {
      flush();
      singles.push(input);
      continue;
    }
    const last = run[run.length - 1];
    if (last && distance(last, input) === Infinity) flush();
    run.push(input);
  }
  flush();
  return { groups, singles };
}
