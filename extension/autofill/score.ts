/**
 * Scores collected field facts as "a one-time code goes here": weighted signals with reasons, as
 * plain data in and out (no DOM), so every rule can be tested with literal objects.
 */
import {
  CREATE_PIN_CONTEXT,
  DIGIT_COUNT_PROMPT,
  NOT_OTP_AUTOCOMPLETE,
  NOT_OTP_CONTEXT,
  NOT_OTP_HARD,
  NOT_OTP_SOFT,
  OTP_AMBIGUOUS,
  OTP_PROMPT,
  OTP_STRONG,
} from './keywords';
import { compileKeywords } from './text';

/** A place is reported when its score reaches this. */
export const OTP_THRESHOLD = 4;
/** The most context can add; fields that cannot reach the threshold with it are not looked at further. */
export const MAX_CONTEXT_GAIN = 4.5;

/** What the input (or the boxes of a split code) says about itself. Text fields are folded (text.ts). */
export interface FieldFacts {
  type: string;
  autocomplete: string;
  inputMode: string;
  pattern: string;
  /** -1 when absent */
  maxLength: number;
  placeholder: string;
  /** name, id, placeholder, aria-label, title, data-* */
  own: string;
  /** class names: positive words only (a UI "card" class is not a payment card) */
  cls: string;
  /** <label>, aria-labelledby, aria-describedby */
  label: string;
  /** 1 for a single input, else the number of boxes of a split code */
  boxes: number;
}

/** What the surroundings say: nearby text, page title, and the other inputs of the form. */
export interface ContextFacts {
  text: string;
  title: string;
  cardNearby: boolean;
  /** a username or e-mail input in the same form */
  loginNearby: boolean;
  captcha: boolean;
  /** fillable inputs in the same container, this one included */
  fillable: number;
}

/** A running score with the reason for each step (for tests and debugging). */
export interface Score {
  score: number;
  reasons: string[];
  /** something in the field itself points at a code (required for context to count) */
  support: boolean;
  /** the field names a one-time code outright (keyword or autocomplete) */
  explicit: boolean;
  isPassword: boolean;
  /** autocomplete="one-time-code" */
  oneTimeCode: boolean;
}

const strong = compileKeywords(OTP_STRONG);
const ambiguous = compileKeywords(OTP_AMBIGUOUS);
const prompt = compileKeywords(OTP_PROMPT);
const hard = compileKeywords(NOT_OTP_HARD);
const soft = compileKeywords(NOT_OTP_SOFT);
const createPin = compileKeywords(CREATE_PIN_CONTEXT);
const notOtpContext = compileKeywords(NOT_OTP_CONTEXT);

const DIGIT_PATTERN = /^\^?(?:\\d|\[0-9[^\]]*\]|\[\\d[^\]]*\]|\\d\{|\[0-9\]\{)/;

function add(s: Score, points: number, reason: string): void {
  s.score += points;
  s.reasons.push(`${points > 0 ? '+' : ''}${points} ${reason}`);
}

function shapeScore(f: FieldFacts, s: Score): number {
  let shape = 0;
  const steps: [number, string][] = [];
  if (f.inputMode === 'numeric' || f.inputMode === 'decimal') steps.push([1, 'inputmode numeric']);
  if (f.pattern && DIGIT_PATTERN.test(f.pattern)) steps.push([1, 'digits pattern']);
  if (f.boxes === 1) {
    if (f.maxLength >= 6 && f.maxLength <= 8) steps.push([1.5, `maxlength ${f.maxLength}`]);
    else if (f.maxLength === 4 || f.maxLength === 5) steps.push([0.5, `maxlength ${f.maxLength}`]);
    else if (f.maxLength >= 0 && f.maxLength < 4)
      steps.push([-4, `maxlength ${f.maxLength}: too short for a code`]);
    // phone numbers take 9+ characters; so do long free-text fields
    else if (f.maxLength > 10 && f.maxLength < 100) steps.push([-1, `maxlength ${f.maxLength}`]);
    else if (f.maxLength > 8 && f.type === 'tel') steps.push([-1, `tel of maxlength ${f.maxLength}`]);
  }
  if (f.type === 'tel' || f.type === 'number') steps.push([0.5, `type ${f.type}`]);
  const ph = f.placeholder.trim();
  if (f.boxes > 1) {
    // "D D / M M / Y Y Y Y" boxes are a date, "0 0 0 0 0 0" or "• • •" a code
    if (/\p{L}/u.test(ph.replace(/[xX]/g, ''))) steps.push([-4, 'letter placeholders in boxes']);
  } else {
    const phDigits = ph.replace(/\D/g, '').length;
    if (/^[\d\s-]+$/.test(ph) && phDigits >= 4 && phDigits <= 8) steps.push([1, 'code-like placeholder']);
    else if (/^([•·*●○xX0_-])(?:\s?\1){3,7}$/u.test(ph)) steps.push([1, 'code-like placeholder']);
    else if (phDigits >= 9 || /^\+\d/.test(ph)) steps.push([-3, 'phone-like placeholder']);
  }
  for (const [p, r] of steps) {
    const room = 3 - shape;
    const pts = p > 0 ? Math.min(p, room) : p;
    if (pts === 0) continue;
    shape += pts;
    add(s, pts, r);
  }
  // the type alone (tel, number) is not evidence: phone numbers and amounts use it too
  if (steps.some(([p, r]) => p > 0 && !r.startsWith('type '))) s.support = true;
  return shape;
}

/** Scores what a field says about itself (WHATWG autocomplete tokens, keywords, input shape). */
export function scoreField(f: FieldFacts): Score {
  const s: Score = {
    score: 0,
    reasons: [],
    support: false,
    explicit: false,
    isPassword: f.type === 'password',
    oneTimeCode: false,
  };
  const tokens = f.autocomplete.split(/\s+/).filter(Boolean);
  const ac = tokens.includes('one-time-code');
  if (ac) {
    add(s, 7, 'autocomplete=one-time-code');
    s.support = true;
    s.explicit = true;
    s.oneTimeCode = true;
  } else {
    const bad = tokens.find((t) =>
      NOT_OTP_AUTOCOMPLETE.some((n) => (n.endsWith('-') ? t.startsWith(n) : t === n)),
    );
    if (bad) add(s, -10, `autocomplete=${bad}`);
    if (tokens.includes('new-password')) add(s, -5, 'autocomplete=new-password');
    if (tokens.includes('current-password')) add(s, -4, 'autocomplete=current-password');
  }

  const strongOwn = strong.find(f.own) ?? strong.find(f.cls);
  const strongLabel = strong.find(f.label);
  if (strongOwn || strongLabel) {
    add(s, strongOwn && strongLabel ? 6 : 5, `keyword "${strongOwn ?? strongLabel}"`);
    s.support = true;
    s.explicit = true;
  } else {
    const amb = ambiguous.find(f.own) ?? ambiguous.find(f.label) ?? ambiguous.find(f.cls);
    // a "PIN" typed into a password field is the user's own PIN, not a code from an app
    if (amb && !(f.type === 'password' && amb === 'pin')) {
      add(s, 1.5, `ambiguous word "${amb}"`);
      s.support = true;
    }
  }

  const hardOwn = hard.find(f.own);
  const hardLabel = hardOwn ? null : hard.find(f.label);
  if (hardOwn) add(s, -8, `not a code: "${hardOwn}"`);
  else if (hardLabel) add(s, strongOwn || ac ? -3 : -8, `label says not a code: "${hardLabel}"`);

  if (!s.explicit) {
    const softWord = soft.find(f.own) ?? soft.find(f.label);
    if (softWord) add(s, s.support ? -2 : -5, `names other data: "${softWord}"`);
    if (f.type === 'password') add(s, -1.5, 'password field without a code keyword');
  }

  if (f.boxes > 1) {
    add(s, 2.5, `${f.boxes} one-character boxes`);
    if (f.boxes === 6) add(s, 1, 'six boxes');
    s.support = true;
  }
  shapeScore(f, s);
  return s;
}

/** Adds what the surroundings say to a field's score. */
export function scoreContext(s: Score, c: ContextFacts): Score {
  const out: Score = { ...s, reasons: [...s.reasons] };
  const strongText = strong.find(c.text);
  if (strongText) add(out, 2.5, `nearby text "${strongText}"`);
  else {
    const t = strong.find(c.title);
    if (t) add(out, 1.5, `page title "${t}"`);
  }
  const p = prompt.find(c.text);
  const digits = DIGIT_COUNT_PROMPT.test(c.text);
  if (p) add(out, 1.5, `prompt "${p}"`);
  if (digits) add(out, p ? 0.5 : 1.5, 'prompt "n-digit"');
  const pin = createPin.find(c.text);
  if (pin) add(out, -6, `sets up a PIN: "${pin}"`);
  else {
    const other = notOtpContext.find(c.text);
    if (other) add(out, -2.5, `nearby text "${other}"`);
  }
  if (c.captcha && !s.explicit) add(out, -5, 'captcha nearby');
  // "security code" on a checkout is the card's CVC; a bank's 3-D Secure prompt lives in its own frame
  if (c.cardNearby) add(out, s.oneTimeCode ? -3 : -9, 'payment card form');
  if (c.loginNearby && s.isPassword && !s.explicit) add(out, -6, 'password of a sign-in form');
  if (c.fillable === 1 && s.support) add(out, 0.5, 'only input here');
  return out;
}
