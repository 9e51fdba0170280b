// Whatever the markup, the detector returns well-formed places and never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOtpFields } from '../../../extension/autofill/detect';
import { loadHtml } from './load-fixture';

const attr = fc.constantFrom(
  '',
  ' maxlength="1"',
  ' maxlength="6"',
  ' inputmode="numeric"',
  ' autocomplete="one-time-code"',
  ' autocomplete="cc-csc"',
  ' name="otp"',
  ' name="code"',
  ' name="email"',
  ' placeholder="123456"',
  ' aria-label="Digit 1"',
  ' disabled',
  ' readonly',
  ' hidden',
  ' style="display:none"',
  ' type="tel"',
  ' type="password"',
  ' type="hidden"',
  ' type="checkbox"',
);
const input = fc.array(attr, { maxLength: 4 }).map((as) => `<input${as.join('')}>`);
const text = fc.constantFrom(
  'Enter the 6-digit code',
  'Two-factor authentication',
  'Card number',
  'Create a PIN',
  'Backup code',
  'Search',
  '',
);
const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    input,
    text.map((t) => `<p>${t}</p>`),
    fc
      .tuple(
        fc.constantFrom('div', 'form', 'label', 'span', 'template', 'details'),
        fc.array(tie('node'), { maxLength: 5 }),
      )
      .map(([tag, kids]) => `<${tag}>${kids.join('')}</${tag}>`),
  ),
})).node;

describe('findOtpFields on random markup', () => {
  it('returns distinct, enabled, editable inputs in places of 1 or 4–8', () => {
    fc.assert(
      fc.property(fc.array(node, { minLength: 1, maxLength: 6 }), (nodes) => {
        const doc = loadHtml(`<!doctype html><html><body>${nodes.join('')}</body></html>`);
        const places = findOtpFields(doc);
        const seen = new Set<HTMLInputElement>();
        for (const place of places) {
          expect(place.length === 1 || (place.length >= 4 && place.length <= 8)).toBe(true);
          for (const i of place) {
            expect(seen.has(i)).toBe(false);
            seen.add(i);
            expect(i.disabled || i.readOnly || i.type === 'hidden' || i.type === 'checkbox').toBe(false);
            expect(i.closest('template,[hidden]')).toBeNull();
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
