import QRCode from 'qrcode';
import type { RgbaImage } from '../../../lib/qr/crop';

// Page-like RGBA captures built without a canvas: QR module matrices from `qrcode`, painted by hand.

export type Rgb = readonly [number, number, number];

export const WHITE: Rgb = [255, 255, 255];
export const INK: Rgb = [32, 33, 36];
export const DARK_BG: Rgb = [24, 26, 27];
export const DARK_TEXT: Rgb = [232, 234, 237];

export const TOTP_URI =
  'otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=GitHub';

/** A blank page of one colour. */
export function blankPage(width: number, height: number, colour: Rgb = WHITE): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = colour[0];
    data[i + 1] = colour[1];
    data[i + 2] = colour[2];
    data[i + 3] = 255;
  }
  return { data, width, height };
}

/** Fills a rectangle, clipped to the image. */
export function fillRect(img: RgbaImage, x: number, y: number, w: number, h: number, colour: Rgb): void {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(img.width, Math.round(x + w));
  const y1 = Math.min(img.height, Math.round(y + h));
  for (let yy = y0; yy < y1; yy++) {
    for (let xx = x0; xx < x1; xx++) {
      const i = (yy * img.width + xx) * 4;
      img.data[i] = colour[0];
      img.data[i + 1] = colour[1];
      img.data[i + 2] = colour[2];
      img.data[i + 3] = 255;
    }
  }
}

/** Small deterministic PRNG so every run paints the same page. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Paints lines of "text" (glyph-sized strokes grouped in words) into a region, skipping the
 * rectangles in `keepClear` so codes can sit in their own whitespace as they do on real pages.
 */
export function paintText(
  img: RgbaImage,
  region: { x: number; y: number; w: number; h: number },
  colour: Rgb,
  keepClear: { x: number; y: number; w: number; h: number }[] = [],
  seed = 7,
): void {
  const rand = mulberry32(seed);
  const lineHeight = 22;
  const glyphH = 11;
  const clear = (x: number, y: number, w: number) =>
    keepClear.every(
      (r) => x + w <= r.x - 8 || x >= r.x + r.w + 8 || y + lineHeight <= r.y - 8 || y >= r.y + r.h + 8,
    );
  for (let y = region.y; y + lineHeight <= region.y + region.h; y += lineHeight) {
    let x = region.x;
    while (x < region.x + region.w - 40) {
      const wordLen = 2 + Math.floor(rand() * 8);
      for (let c = 0; c < wordLen; c++) {
        const gw = 4 + Math.floor(rand() * 4);
        if (clear(x, y, gw)) {
          // A glyph: a stem plus a random bowl or bar, so rows see varied dark/light runs.
          fillRect(img, x, y + (rand() < 0.3 ? 0 : 3), 2, glyphH - (rand() < 0.5 ? 0 : 3), colour);
          if (rand() < 0.6) fillRect(img, x + 2, y + 5, gw - 2, 2, colour);
          if (rand() < 0.4) fillRect(img, x + 2, y + glyphH - 2, gw - 2, 2, colour);
        }
        x += gw + 2;
      }
      x += 6 + Math.floor(rand() * 4);
    }
  }
}

export interface DrawQrOptions {
  /** Left edge of the quiet zone. */
  x: number;
  y: number;
  /** Pixels per module (may be fractional). */
  moduleSize: number;
  errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  dark?: Rgb;
  light?: Rgb;
  /** Quiet zone in modules. */
  margin?: number;
}

/** Draws a QR code and returns its outer box (quiet zone included). */
export function drawQr(img: RgbaImage, text: string, opts: DrawQrOptions) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: opts.errorCorrectionLevel ?? 'M' });
  const margin = opts.margin ?? 4;
  const dark = opts.dark ?? [0, 0, 0];
  const light = opts.light ?? WHITE;
  const total = (modules.size + margin * 2) * opts.moduleSize;
  fillRect(img, opts.x, opts.y, total, total, light);
  const ox = opts.x + margin * opts.moduleSize;
  const oy = opts.y + margin * opts.moduleSize;
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (!modules.get(r, c)) continue;
      // Round both edges so fractional module sizes tile without gaps, like a browser's renderer.
      const x0 = Math.round(ox + c * opts.moduleSize);
      const y0 = Math.round(oy + r * opts.moduleSize);
      fillRect(
        img,
        x0,
        y0,
        Math.round(ox + (c + 1) * opts.moduleSize) - x0,
        Math.round(oy + (r + 1) * opts.moduleSize) - y0,
        dark,
      );
    }
  }
  return { x: opts.x, y: opts.y, w: total, h: total, modules: modules.size };
}

/**
 * Draws a QR code (4-module quiet zone) as a browser shows a large QR image shrunk by CSS to a fractional
 * module size: each pixel is the average of a 16×16 grid of samples, so module edges blur to grey.
 * Returns the box it covers.
 */
export function drawQrSmooth(img: RgbaImage, text: string, x: number, y: number, moduleSize: number) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const samples = 16;
  const side = Math.ceil((modules.size + 8) * moduleSize);
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      let dark = 0;
      for (let sy = 0; sy < samples; sy++) {
        const row = Math.floor((py + (sy + 0.5) / samples) / moduleSize) - 4;
        for (let sx = 0; sx < samples; sx++) {
          const col = Math.floor((px + (sx + 0.5) / samples) / moduleSize) - 4;
          const inside = row >= 0 && col >= 0 && row < modules.size && col < modules.size;
          if (inside && modules.get(row, col)) dark++;
        }
      }
      const v = Math.round(255 * (1 - dark / samples ** 2));
      fillRect(img, x + px, y + py, 1, 1, [v, v, v]);
    }
  }
  return { x, y, width: side, height: side };
}

/** Averages `factor`×`factor` blocks: a browser's downscaled, slightly blurred rendering of the image. */
export function downscale(img: RgbaImage, factor: number): RgbaImage {
  const width = Math.floor(img.width / factor);
  const height = Math.floor(img.height / factor);
  const out = blankPage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Bilinear sample at the block centre, then blend with a box average for the blur.
      const sx = (x + 0.5) * factor - 0.5;
      const sy = (y + 0.5) * factor - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      for (let ch = 0; ch < 3; ch++) {
        const at = (xx: number, yy: number) =>
          img.data[
            (Math.min(yy, img.height - 1) * img.width + Math.min(xx, img.width - 1)) * 4 + ch
          ] as number;
        const bilinear =
          (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) +
          (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
        let sum = 0;
        let n = 0;
        for (let yy = Math.floor(y * factor); yy < Math.ceil((y + 1) * factor); yy++) {
          for (let xx = Math.floor(x * factor); xx < Math.ceil((x + 1) * factor); xx++) {
            sum += at(xx, yy);
            n++;
          }
        }
        out.data[(y * width + x) * 4 + ch] = (bilinear + sum / n) / 2;
      }
    }
  }
  return out;
}

/** The test page most cases start from: a 1280×800 light page with text and one small code. */
export function lightPageWithCode(
  text = TOTP_URI,
  opts: Partial<DrawQrOptions> & { width?: number; height?: number } = {},
): RgbaImage {
  const width = opts.width ?? 1280;
  const height = opts.height ?? 800;
  const img = blankPage(width, height);
  const qr = QRCode.create(text, { errorCorrectionLevel: opts.errorCorrectionLevel ?? 'M' });
  const moduleSize = opts.moduleSize ?? 120 / (qr.modules.size + 8);
  const size = (qr.modules.size + 8) * moduleSize;
  const x = opts.x ?? Math.round(width * 0.42);
  const y = opts.y ?? Math.round(height * 0.38);
  paintText(img, { x: 40, y: 40, w: width - 80, h: height - 80 }, INK, [{ x, y, w: size, h: size }]);
  drawQr(img, text, { ...opts, x, y, moduleSize });
  return img;
}
