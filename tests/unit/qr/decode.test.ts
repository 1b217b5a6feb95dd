import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { QrImageError } from '../../../lib/qr/crop';
import { decodeQrCodes } from '../../../lib/qr/decode';
import {
  blankPage,
  DARK_BG,
  DARK_TEXT,
  downscale,
  drawQr,
  drawQrSmooth,
  fillRect,
  INK,
  lightPageWithCode,
  paintText,
  TOTP_URI,
} from './page-fixtures';

const GOOGLE_URI =
  'otpauth://totp/Google:bob%40gmail.com?secret=NBSWY3DPO5XXE3DEMFZGC3TBNVSXI2LP&issuer=Google';
const DROPBOX_URI =
  'otpauth://totp/Dropbox:carol%40example.org?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Dropbox';

/** Module size that makes a code (with its 4-module quiet zone) `px` wide. */
function moduleSizeFor(text: string, px: number, level: 'L' | 'M' | 'Q' | 'H' = 'M'): number {
  return px / (QRCode.create(text, { errorCorrectionLevel: level }).modules.size + 8);
}

describe('decodeQrCodes', () => {
  it('reads a ~120 px code on a 1280×800 page full of text', async () => {
    expect(await decodeQrCodes(lightPageWithCode())).toEqual([TOTP_URI]);
  });

  it('reads a ~120 px code in a 1920×1080 capture', async () => {
    const img = lightPageWithCode(TOTP_URI, { width: 1920, height: 1080, x: 1500, y: 700 });
    expect(await decodeQrCodes(img)).toEqual([TOTP_URI]);
  });

  it('reads each capture of a run of decodes, large, small, dark, then large again', async () => {
    // Decodes reuse their working buffers; nothing of one capture may leak into the next.
    const large = lightPageWithCode(TOTP_URI, { width: 1920, height: 1080, x: 1500, y: 700 });
    const small = blankPage(300, 300);
    drawQr(small, GOOGLE_URI, { x: 20, y: 20, moduleSize: 4 });
    const dark = blankPage(640, 400, DARK_BG);
    drawQr(dark, DROPBOX_URI, { x: 200, y: 100, moduleSize: 3, dark: DARK_TEXT, light: DARK_BG });
    expect(await decodeQrCodes(large)).toEqual([TOTP_URI]);
    expect(await decodeQrCodes(small)).toEqual([GOOGLE_URI]);
    expect(await decodeQrCodes(dark)).toEqual([DROPBOX_URI]);
    expect(await decodeQrCodes(blankPage(1920, 1080))).toEqual([]);
    expect(await decodeQrCodes(large)).toEqual([TOTP_URI]);
  });

  it('reads a light-on-dark code on a dark-mode page', async () => {
    const img = blankPage(1280, 800, DARK_BG);
    const box = { x: 560, y: 300, w: 130, h: 130 };
    paintText(img, { x: 40, y: 40, w: 1200, h: 720 }, DARK_TEXT, [box]);
    drawQr(img, TOTP_URI, {
      x: box.x,
      y: box.y,
      moduleSize: moduleSizeFor(TOTP_URI, box.w),
      dark: DARK_TEXT,
      light: DARK_BG,
    });
    expect(await decodeQrCodes(img)).toEqual([TOTP_URI]);
  });

  it('reads a level-H code with a solid logo over ~15% of its centre', async () => {
    const img = blankPage(1280, 800);
    paintText(img, { x: 40, y: 40, w: 1200, h: 720 }, INK, [{ x: 600, y: 300, w: 160, h: 160 }]);
    const code = drawQr(img, TOTP_URI, {
      x: 600,
      y: 300,
      moduleSize: moduleSizeFor(TOTP_URI, 160, 'H'),
      errorCorrectionLevel: 'H',
    });
    const symbol = code.w - 8 * (code.w / (code.modules + 8));
    const logo = Math.sqrt(0.15) * symbol;
    fillRect(img, code.x + (code.w - logo) / 2, code.y + (code.h - logo) / 2, logo, logo, [36, 41, 47]);
    expect(await decodeQrCodes(img)).toEqual([TOTP_URI]);
  });

  it('reads two codes side by side, left to right', async () => {
    const img = blankPage(1280, 800);
    paintText(img, { x: 40, y: 40, w: 1200, h: 720 }, INK, [
      { x: 300, y: 300, w: 140, h: 140 },
      { x: 800, y: 310, w: 140, h: 140 },
    ]);
    drawQr(img, GOOGLE_URI, { x: 800, y: 310, moduleSize: moduleSizeFor(GOOGLE_URI, 140) });
    drawQr(img, TOTP_URI, { x: 300, y: 300, moduleSize: moduleSizeFor(TOTP_URI, 140) });
    expect(await decodeQrCodes(img)).toEqual([TOTP_URI, GOOGLE_URI]);
  });

  it('reads three codes of one size in reading order and drops a repeated one', async () => {
    const img = blankPage(1280, 800);
    const size = 150;
    const ms = moduleSizeFor(TOTP_URI, size);
    // Row one: Dropbox, then GitHub; row two: Google, then GitHub again.
    drawQr(img, DROPBOX_URI, { x: 200, y: 100, moduleSize: ms });
    drawQr(img, TOTP_URI, { x: 700, y: 120, moduleSize: ms });
    drawQr(img, GOOGLE_URI, { x: 200, y: 500, moduleSize: ms });
    drawQr(img, TOTP_URI, { x: 700, y: 500, moduleSize: ms });
    expect(await decodeQrCodes(img)).toEqual([DROPBOX_URI, TOTP_URI, GOOGLE_URI]);
  });

  it('reads codes of different sizes, top one first', async () => {
    const img = blankPage(1280, 800);
    paintText(img, { x: 40, y: 40, w: 1200, h: 720 }, INK, [
      { x: 900, y: 60, w: 120, h: 120 },
      { x: 150, y: 400, w: 300, h: 300 },
    ]);
    drawQr(img, GOOGLE_URI, { x: 150, y: 400, moduleSize: moduleSizeFor(GOOGLE_URI, 300) });
    drawQr(img, DROPBOX_URI, { x: 900, y: 60, moduleSize: moduleSizeFor(DROPBOX_URI, 120) });
    expect(await decodeQrCodes(img)).toEqual([DROPBOX_URI, GOOGLE_URI]);
  });

  it('reads a code that the browser shrank (bilinear, blurred) to ~1.6 px modules', async () => {
    const large = blankPage(640, 400);
    drawQr(large, TOTP_URI, { x: 250, y: 100, moduleSize: 3.3 });
    const small = downscale(large, 2);
    expect(await decodeQrCodes(small)).toEqual([TOTP_URI]);
  });

  it('reads codes shrunk smoothly to 1.2–1.3 px per module where the page says a picture is', async () => {
    for (const [moduleSize, x] of [
      [1.2, 600],
      [1.22, 603],
      [1.25, 611],
      [1.3, 598],
    ] as const) {
      const img = blankPage(1280, 800);
      paintText(img, { x: 40, y: 40, w: 1200, h: 720 }, INK, [{ x, y: 300, w: 70, h: 70 }]);
      const box = drawQrSmooth(img, TOTP_URI, x, 300, moduleSize);
      expect(await decodeQrCodes(img, [box])).toEqual([TOTP_URI]);
    }
  });

  it('reads a tiny code in its box even when a large code elsewhere was read first', async () => {
    const img = blankPage(1280, 800);
    drawQr(img, DROPBOX_URI, { x: 100, y: 100, moduleSize: 4 });
    const box = drawQrSmooth(img, TOTP_URI, 700, 420, 1.2);
    expect(await decodeQrCodes(img, [box])).toEqual([DROPBOX_URI, TOTP_URI]);
  });

  it('finds nothing in a candidate box that holds no code', async () => {
    const img = blankPage(640, 400);
    paintText(img, { x: 20, y: 20, w: 600, h: 360 }, INK);
    expect(await decodeQrCodes(img, [{ x: 200, y: 100, width: 60, height: 60 }])).toEqual([]);
  });

  it('reads a transparent PNG code whose background is alpha 0', async () => {
    const img = blankPage(200, 200, [0, 0, 0]);
    for (let i = 3; i < img.data.length; i += 4) img.data[i] = 0;
    drawQr(img, TOTP_URI, { x: 20, y: 20, moduleSize: 3, light: [1, 1, 1], margin: 4 });
    // Only the dark modules are opaque, as in a PNG exported with a transparent background.
    for (let i = 0; i < img.data.length; i += 4) {
      img.data[i + 3] = img.data[i] === 0 && img.data[i + 3] === 255 ? 255 : 0;
    }
    expect(await decodeQrCodes(img)).toEqual([TOTP_URI]);
  });

  it('reads a raw UTF-8 label (byte mode without ECI) as UTF-8', async () => {
    const uri = 'otpauth://totp/Bücherei Köln:zoë?secret=JBSWY3DPEHPK3PXP&issuer=Bücherei Köln';
    const img = blankPage(300, 300);
    drawQr(img, uri, { x: 20, y: 20, moduleSize: 4 });
    expect(await decodeQrCodes(img)).toEqual([uri]);
  });

  it('returns [] for a page with no code', async () => {
    const img = blankPage(1280, 800);
    paintText(img, { x: 40, y: 40, w: 1200, h: 720 }, INK);
    expect(await decodeQrCodes(img)).toEqual([]);
  });

  it('returns [] for a blank and for a dark page', async () => {
    expect(await decodeQrCodes(blankPage(320, 200))).toEqual([]);
    expect(await decodeQrCodes(blankPage(320, 200, DARK_BG))).toEqual([]);
  });

  it('rejects a buffer that does not match the stated size with a typed error', async () => {
    const img = { data: new Uint8ClampedArray(100), width: 10, height: 10 };
    await expect(decodeQrCodes(img)).rejects.toBeInstanceOf(QrImageError);
    await expect(decodeQrCodes(img)).rejects.toThrow(/capture it again/);
  });
});
