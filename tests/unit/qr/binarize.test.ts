import HybridBinarizer from '@zxing/library/esm/core/common/HybridBinarizer';
import RGBLuminanceSource from '@zxing/library/esm/core/RGBLuminanceSource';
import { describe, expect, it } from 'vitest';
import { hybridBinarize } from '../../../lib/qr/binarize';
import { type RgbaImage, toLuma } from '../../../lib/qr/crop';
import {
  blankPage,
  DARK_BG,
  DARK_TEXT,
  drawQr,
  drawQrSmooth,
  INK,
  lightPageWithCode,
  paintText,
  TOTP_URI,
} from './page-fixtures';

/** zxing's own HybridBinarizer on the same luminance: the reference our binariser must match bit for bit. */
function zxingMatrix(img: RgbaImage) {
  const { luma, width, height } = toLuma(img);
  return new HybridBinarizer(new RGBLuminanceSource(luma, width, height)).getBlackMatrix();
}

function darkPageWithSmallCode(width: number, height: number): RgbaImage {
  const img = blankPage(width, height, DARK_BG);
  paintText(img, { x: 20, y: 20, w: width - 40, h: height - 40 }, DARK_TEXT);
  drawQrSmooth(img, TOTP_URI, 300, 150, 1.3);
  return img;
}

function gradientWithCode(width: number, height: number): RgbaImage {
  const img = blankPage(width, height);
  // A lit photo: light falls off left to right, so one global threshold would fail.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = 250 - Math.round((170 * x) / width);
      img.data.set([v, v, v], (y * width + x) * 4);
    }
  }
  drawQr(img, TOTP_URI, { x: 30, y: 20, moduleSize: 3, dark: [20, 20, 20], light: [200, 200, 200] });
  return img;
}

describe('hybridBinarize', () => {
  it.each([
    ['a text page with a code, 1280×800', () => lightPageWithCode()],
    [
      'a page whose sides are no multiple of 8 or 32, 1283×807',
      () => lightPageWithCode(TOTP_URI, { width: 1283, height: 807 }),
    ],
    ['a dark page with a blurred 1.3 px-per-module code, 645×403', () => darkPageWithSmallCode(645, 403)],
    ['a code under a light gradient, 333×221', () => gradientWithCode(333, 221)],
  ])('marks exactly the pixels zxing’s HybridBinarizer marks dark: %s', (_, make) => {
    const img = make();
    const ours = hybridBinarize(toLuma(img));
    expect(ours.equals(zxingMatrix(img))).toBe(true);
    // And the page is not trivially blank or black: both colours occur.
    const row = ours.getRow(Math.floor(img.height / 2), undefined as never);
    expect(row.getNextSet(0)).toBeLessThan(img.width);
    expect(row.getNextUnset(0)).toBeLessThan(img.width);
  });

  it('binarises an image too small for 5×5 blocks with the global histogram, as zxing does', () => {
    const img = blankPage(39, 120);
    paintText(img, { x: 2, y: 2, w: 36, h: 116 }, INK);
    expect(hybridBinarize(toLuma(img)).equals(zxingMatrix(img))).toBe(true);
  });
});
