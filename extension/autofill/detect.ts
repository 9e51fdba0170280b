/**
 * Finds the places on a page where a one-time code goes (WHATWG `autocomplete="one-time-code"`
 * plus weighted keyword, shape and context signals). Pure DOM: works in a content script and
 * under happy-dom/jsdom.
 */
import {
  classText,
  collectTree,
  containerOf,
  contextText,
  hasCaptcha,
  hasLayout,
  isFillable,
  isRendered,
  labelText,
  newScanCache,
  ownText,
  type ScanCache,
} from './collect';
import {
  type ContextFacts,
  type FieldFacts,
  MAX_CONTEXT_GAIN,
  OTP_THRESHOLD,
  scoreContext,
  scoreField,
} from './score';
import { groupBoxes, MAX_BOXES, MIN_BOXES } from './split';
import { fold } from './text';

/** One scored place: a single input or the boxes of a split code, with why it scored so. */
export interface OtpCandidate {
  fields: HTMLInputElement[];
  score: number;
  reasons: string[];
  accepted: boolean;
}

const CARD_FIELD =
  /(?:^| )(?:card\p{L}*|cc|cvc|cvv|csc|expiry|expiration|exp(?: date| month| year)|kreditkart\p{L}*|karten\p{L}*|carte|tarjeta|cartao|karta)(?= |$)/u;
const CARD_TEXT =
  /(?:^| )(?:card number|card ending|cvc|cvv|csc|expiry date|expiration date|visa|mastercard|amex|american express|kartennummer|kreditkarte|numero de carte|numero de tarjeta|numero do cartao|numero della carta)(?= |$)/;
const LOGIN_FIELD =
  'input[type=email],input[autocomplete~=username],input[autocomplete~=email],input[name*=user],input[name*=email],input[name*=login],input[id*=user],input[id*=email],input[id*=login]';

function factsOf(place: HTMLInputElement[], cache: ScanCache): FieldFacts {
  const first = place[0] as HTMLInputElement;
  const own = new Set<string>();
  const cls = new Set<string>();
  const label = new Set<string>();
  let autocomplete = '';
  let inputMode = '';
  let pattern = '';
  for (const input of place) {
    own.add(ownText(input));
    cls.add(classText(input));
    label.add(labelText(input, cache));
    autocomplete ||= (input.getAttribute('autocomplete') ?? '').toLowerCase().includes('one-time-code')
      ? 'one-time-code'
      : '';
    inputMode ||= (input.getAttribute('inputmode') ?? '').toLowerCase();
    pattern ||= input.getAttribute('pattern') ?? '';
  }
  if (!autocomplete) autocomplete = (first.getAttribute('autocomplete') ?? '').toLowerCase();
  return {
    type: first.type,
    autocomplete,
    inputMode,
    pattern,
    maxLength: first.maxLength,
    placeholder: place.map((i) => i.getAttribute('placeholder') ?? '').join(' '),
    own: [...own].join(' '),
    cls: [...cls].join(' '),
    label: [...label].join(' '),
    boxes: place.length,
  };
}

/** What a container holds, computed once per container per scan. */
interface Surroundings {
  text: string;
  captcha: boolean;
  fillable: number;
  cardInputs: HTMLInputElement[];
  loginInputs: HTMLInputElement[];
}

interface Scan {
  cache: ScanCache;
  inputs: HTMLInputElement[];
  title: string;
  layout: boolean;
  around: Map<Element, Surroundings>;
}

function isCardField(i: HTMLInputElement, cache: ScanCache): boolean {
  return (
    (i.getAttribute('autocomplete') ?? '').toLowerCase().startsWith('cc-') ||
    CARD_FIELD.test(ownText(i)) ||
    CARD_FIELD.test(labelText(i, cache))
  );
}

function surroundings(container: Element, scan: Scan): Surroundings {
  const hit = scan.around.get(container);
  if (hit) return hit;
  const near = scan.inputs.filter((i) => container.contains(i));
  const found: Surroundings = {
    text: contextText(container, scan.cache),
    captcha: hasCaptcha(container),
    fillable: near.length,
    cardInputs: near.filter((i) => isCardField(i, scan.cache)),
    loginInputs: [...container.querySelectorAll<HTMLInputElement>(LOGIN_FIELD)].filter(
      (i) => i.type !== 'hidden' && isFillableOrEmail(i),
    ),
  };
  scan.around.set(container, found);
  return found;
}

function contextOf(place: HTMLInputElement[], scan: Scan): ContextFacts {
  const s = surroundings(containerOf(place[0] as HTMLInputElement, scan.cache), scan);
  return {
    text: s.text,
    title: scan.title,
    cardNearby: CARD_TEXT.test(s.text) || s.cardInputs.some((i) => !place.includes(i)),
    loginNearby: s.loginInputs.some((i) => !place.includes(i)),
    captcha: s.captcha,
    fillable: s.fillable,
  };
}

function isFillableOrEmail(i: HTMLInputElement): boolean {
  return i.type === 'email' ? !i.disabled : isFillable(i);
}

/** Scores every fillable place under `root` (accepted or not), in tree order. For tests and debugging. */
export function explainOtpFields(root: Document | Element): OtpCandidate[] {
  const doc = root.nodeType === 9 ? (root as Document) : (root as Element).ownerDocument;
  const tree = collectTree(root);
  const inputs = tree.inputs.filter(isFillable);
  const scan: Scan = {
    cache: newScanCache(tree.labels),
    inputs,
    title: fold(doc.title ?? ''),
    layout: hasLayout(doc),
    around: new Map(),
  };
  const { groups, singles } = groupBoxes(inputs, scan.layout);
  // a box hidden by a stylesheet (a spare seventh box, a mobile-only copy) leaves the group
  const shown = groups
    .map((g) => g.filter((i) => isRendered(i, scan.layout)))
    .filter((g) => g.length >= MIN_BOXES && g.length <= MAX_BOXES);
  const places = [...shown, ...singles.map((s) => [s])];
  const order = new Map(inputs.map((input, i) => [input, i]));
  places.sort(
    (a, b) => (order.get(a[0] as HTMLInputElement) ?? 0) - (order.get(b[0] as HTMLInputElement) ?? 0),
  );

  const out: OtpCandidate[] = [];
  for (const place of places) {
    const field = scoreField(factsOf(place, scan.cache));
    // a bare text input (no attribute says anything) may still be the one input under a prompt
    const bare = !field.support && field.score === 0 && place.length === 1 && place[0]?.type === 'text';
    if ((!field.support && !bare) || field.score + MAX_CONTEXT_GAIN < OTP_THRESHOLD) {
      out.push({ fields: place, score: field.score, reasons: field.reasons, accepted: false });
      continue;
    }
    const context = contextOf(place, scan);
    const total = scoreContext(field, context);
    if (bare && context.fillable !== 1) total.reasons.push('bare input among others');
    let accepted = total.score >= OTP_THRESHOLD && !(bare && context.fillable !== 1);
    if (accepted && !place.every((i) => isRendered(i, scan.layout))) {
      total.reasons.push('not rendered');
      accepted = false;
    }
    out.push({ fields: place, score: total.score, reasons: total.reasons, accepted });
  }
  return out;
}

/**
 * The contract (ARCHITECTURE.md): one array per place to fill — a single input, or the boxes of
 * a split code in visual (tree) order. Open shadow roots are searched; hidden, disabled and
 * read-only inputs and those in <template> are never returned.
 */
export function findOtpFields(root: Document | Element): HTMLInputElement[][] {
  return explainOtpFields(root)
    .filter((c) => c.accepted)
    .map((c) => c.fields);
}
