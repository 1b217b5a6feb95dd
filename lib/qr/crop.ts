/** An RGBA bitmap as canvas ImageData holds it: 4 bytes a pixel, rows top to bottom. */
export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** One luminance byte a pixel (0 = black, 255 = white), rows top to bottom. */
export interface LumaImage {
  luma: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Thrown when a bitmap's byte count does not match its stated size. */
export class QrImageError extends Error {
  override readonly name = 'QrImageError';
}

/** A place for a new luminance plane of `length` bytes (fresh by default; a decoder may lend a reused one). */
export type PlaneAllocator = (length: number) => Uint8ClampedArray;

const freshPlane: PlaneAllocator = (length) => new Uint8ClampedArray(length);

/** Converts RGBA to luminance, compositing transparent pixels over white as a page would show them. */
export function toLuma(image: RgbaImage, allocate = freshPlane): LumaImage {
  const { data, width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new QrImageError(`The image has an invalid size (${width}×${height}); capture it again.`);
  }
  if (data.length !== width * height * 4) {
    throw new QrImageError(
      `The image data holds ${data.length} bytes but a ${width}×${height} RGBA image needs ${width * height * 4}; capture it again.`,
    );
  }
  // Whole-pixel reads through a 32-bit view (little-endian: R is the low byte) beat four byte reads;
  // a view needs 4-byte alignment, which ImageData always has. Signed, so every pixel stays a small
  // integer: unsigned words above 2^31 (every opaque pixel) would each become a heap number.
  const aligned = data.byteOffset % 4 === 0 ? data : data.slice();
  const luma = allocate(width * height);
  // Plain byte stores are cheaper than clamped ones, and every value here is already 0–255.
  lumaOf(
    new Int32Array(aligned.buffer, aligned.byteOffset, width * height),
    new Uint8Array(luma.buffer, luma.byteOffset, luma.length),
  );
  return { luma, width, height };
}

function lumaOf(pixels: Int32Array, luma: Uint8Array): void {
  const count = pixels.length;
  for (let p = 0; p < count; p++) {
    const px = pixels[p] as number;
    // Integer Rec. 601 weights; a transparent QR in an <img> has black RGB under alpha 0.
    const y = ((px & 0xff) * 77 + ((px >> 8) & 0xff) * 150 + ((px >> 16) & 0xff) * 29) >> 8;
    if (px >> 24 === -1) {
      luma[p] = y;
    } else {
      const a = (px >> 24) & 0xff;
      // Truncating to an integer keeps the store on V8's fast small-integer path.
      luma[p] = ((y * a + 255 * (255 - a) + 127) / 255) | 0;
    }
  }
}

/** Enlarges a luminance image by an integer factor with bilinear interpolation, for codes with modules under ~2 px. */
export function scaleUp(image: LumaImage, factor: number, allocate = freshPlane): LumaImage {
  if (!Number.isInteger(factor) || factor < 1) {
    throw new RangeError(`scaleUp needs a whole factor of 1 or more, got ${factor}.`);
  }
  const { luma, width, height } = image;
  const outW = width * factor;
  const outH = height * factor;
  const out = allocate(outW * outH);
  // Sample at pixel centres so the enlarged image is not shifted by half a pixel. Weights are in
  // 1/256ths and per-column lookups are precomputed: this runs on up to 9.2 M pixels.
  const axis = (size: number, i: number) => {
    const s = Math.min(Math.max((i + 0.5) / factor - 0.5, 0), size - 1);
    const i0 = Math.floor(s);
    return { i0, i1: Math.min(i0 + 1, size - 1), w: Math.round((s - i0) * 256) };
  };
  const col0 = new Int32Array(outW);
  const col1 = new Int32Array(outW);
  const colW = new Int32Array(outW);
  for (let x = 0; x < outW; x++) {
    const { i0, i1, w } = axis(width, x);
    col0[x] = i0;
    col1[x] = i1;
    colW[x] = w;
  }
  for (let y = 0; y < outH; y++) {
    const { i0, i1, w: wy } = axis(height, y);
    const row0 = i0 * width;
    const row1 = i1 * width;
    const rowOut = y * outW;
    for (let x = 0; x < outW; x++) {
      const a = col0[x] as number;
      const b = col1[x] as number;
      const wx = colW[x] as number;
      const top = (luma[row0 + a] as number) * (256 - wx) + (luma[row0 + b] as number) * wx;
      const bottom = (luma[row1 + a] as number) * (256 - wx) + (luma[row1 + b] as number) * wx;
      out[rowOut + x] = (top * (256 - wy) + bottom * wy + 32768) >> 16;
    }
  }
  return { luma: out, width: outW, height: outH };
}

/** A rectangle in image pixels (fractional edges allowed), such as an element's box scaled to a capture. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Copies the part of an image inside `rect` (clipped to the image), or null when nothing is left. */
export function cropLuma(image: LumaImage, rect: Rect): LumaImage | null {
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(image.width, Math.ceil(rect.x + rect.width));
  const y1 = Math.min(image.height, Math.ceil(rect.y + rect.height));
  if (x1 - x0 < 1 || y1 - y0 < 1) return null;
  const width = x1 - x0;
  const luma = new Uint8ClampedArray(width * (y1 - y0));
  for (let y = y0; y < y1; y++) {
    luma.set(image.luma.subarray(y * image.width + x0, y * image.width + x1), (y - y0) * width);
  }
  return { luma, width, height: y1 - y0 };
}
