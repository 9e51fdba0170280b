// One table-driven run of the detector over the fixture corpus: every positive page must yield
// exactly its marked places (boxes in order), every negative page nothing.
import { afterAll, describe, expect, it } from 'vitest';
import { explainOtpFields, findOtpFields } from '../../../extension/autofill/detect';
import { DOM_ENGINES, expectedPlaces, fixtureNames, loadFixture } from './load-fixture';

function describePlaces(places: HTMLInputElement[][]): string[] {
  return places.map((p) => p.map((i) => i.id || i.name || i.getAttribute('aria-label') || '?').join('+'));
}

// The contract promises happy-dom and jsdom alike; jsdom has no layout at all, which is exactly what
// a detector that trusted zero-size boxes would get wrong.
describe.each(DOM_ENGINES)('OTP detector on the fixture corpus under %s', (engine) => {
  const tally = { truePos: 0, falsePos: 0, falseNeg: 0 };
  it('has at least 40 positive and 30 negative pages', () => {
    expect(fixtureNames('positive').length).toBeGreaterThanOrEqual(40);
    expect(fixtureNames('negative').length).toBeGreaterThanOrEqual(30);
  });

  describe.each(fixtureNames('positive'))('positive %s', (name) => {
    it('finds exactly the marked places', () => {
      const doc = loadFixture('positive', name, engine);
      const want = expectedPlaces(doc);
      expect(want.length, 'fixture marks at least one place').toBeGreaterThan(0);
      const got = findOtpFields(doc);
      const hits = got.filter((g) =>
        want.some((w) => w.length === g.length && w.every((x, i) => x === g[i])),
      );
      tally.truePos += hits.length;
      tally.falsePos += got.length - hits.length;
      tally.falseNeg += want.length - hits.length;
      if (hits.length !== want.length || got.length !== want.length) {
        console.log(
          name,
          explainOtpFields(doc).map((c) => [describePlaces([c.fields]), c.score, c.reasons]),
        );
      }
      expect(describePlaces(got)).toEqual(describePlaces(want));
      expect(got).toEqual(want);
    });
  });

  describe.each(fixtureNames('negative'))('negative %s', (name) => {
    it('finds nothing', () => {
      const doc = loadFixture('negative', name, engine);
      const got = findOtpFields(doc);
      tally.falsePos += got.length;
      if (got.length)
        console.log(
          name,
          explainOtpFields(doc).map((c) => [describePlaces([c.fields]), c.score, c.reasons]),
        );
      expect(describePlaces(got)).toEqual([]);
    });
  });

  afterAll(() => {
    const precision = tally.truePos / Math.max(1, tally.truePos + tally.falsePos);
    const recall = tally.truePos / Math.max(1, tally.truePos + tally.falseNeg);
    console.log(
      `OTP corpus (${engine}): precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}% ` +
        `(${tally.truePos} found, ${tally.falsePos} false, ${tally.falseNeg} missed)`,
    );
  });
});
