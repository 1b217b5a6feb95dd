import { describe, expect, it } from 'vitest';
import { hybridBinarize } from '../../../lib/qr/binarize';
import { toLuma } from '../../../lib/qr/crop';
import { MultiFinderPatternFinder } from '../../../lib/qr/multi-finder';
import { blankPage, drawQr, INK, paintText, TOTP_URI } from './page-fixtures';

const GOOGLE_URI =
  'otpauth://totp/Google:bob%40gmail.com?secret=NBSWY3DPO5XXE3DEMFZGC3TBNVSXI2LP&issuer=Google';

/** Finder-pattern centres of a code drawn by drawQr: bottom-left, top-left, top-right. */
function expectedCentres(code: { x: number; y: number; w: number; modules: number }) {
  const ms = code.w / (code.modules + 8);
  const near = 4 + 3.5;
  const far = 4 + code.modules - 3.5;
  return [
    [code.x + near * ms, code.y + far * ms],
    [code.x + near * ms, code.y + near * ms],
    [code.x + far * ms, code.y + near * ms],
  ];
}

describe('MultiFinderPatternFinder', () => {
  it('frames every code on a text page, whatever its module size, and no text', () => {
    const img = blankPage(1280, 800);
    const codes = [
      { x: 100, y: 100, moduleSize: 4, text: TOTP_URI },
      { x: 600, y: 90, moduleSize: 3, text: GOOGLE_URI },
      { x: 100, y: 520, moduleSize: 2.1, text: GOOGLE_URI },
      { x: 760, y: 430, moduleSize: 5, text: TOTP_URI },
    ];
    const sides = codes.map((c) => drawQr(blankPage(1, 1), c.text, { ...c, x: 0, y: 0 }).w);
    paintText(
      img,
      { x: 20, y: 20, w: 1240, h: 760 },
      INK,
      codes.map((c, i) => ({ x: c.x, y: c.y, w: sides[i] as number, h: sides[i] as number })),
    );
    const drawn = codes.map((c) => drawQr(img, c.text, c));
    const triples = new MultiFinderPatternFinder(hybridBinarize(toLuma(img))).findTriples();
    for (const code of drawn) {
      const ms = code.w / (code.modules + 8);
      const framing = triples.filter((triple) =>
        triple.every((p, k) => {
          const [x, y] = expectedCentres(code)[k] as number[];
          return Math.abs(p.getX() - (x as number)) < ms && Math.abs(p.getY() - (y as number)) < ms;
        }),
      );
      expect(framing).toHaveLength(1);
    }
    // Only the four codes: text strokes never pass for a finder pattern.
    expect(triples).toHaveLength(4);
  });

  it('finds nothing on a page of text alone', () => {
    const img = blankPage(640, 400);
    paintText(img, { x: 20, y: 20, w: 600, h: 360 }, INK);
    expect(new MultiFinderPatternFinder(hybridBinarize(toLuma(img))).findTriples()).toEqual([]);
  });
});
