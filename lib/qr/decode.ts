import type BitMatrix from '@zxing/library/esm/core/common/BitMatrix';
import GlobalHistogramBinarizer from '@zxing/library/esm/core/common/GlobalHistogramBinarizer';
import type DecodeHintType from '@zxing/library/esm/core/DecodeHintType';
import ZxingException from '@zxing/library/esm/core/Exception';
import Decoder from '@zxing/library/esm/core/qrcode/decoder/Decoder';
import type FinderPattern from '@zxing/library/esm/core/qrcode/detector/FinderPattern';
import type ResultPoint from '@zxing/library/esm/core/ResultPoint';
import RGBLuminanceSource from '@zxing/library/esm/core/RGBLuminanceSource';
import { hybridBinarize } from './binarize';
import { cropLuma, type LumaImage, type Rect, type RgbaImage, scaleUp, toLuma } from './crop';
import { MultiFinderPatternFinder, TripleDetector } from './multi-finder';
import { ScratchBuffers } from './scratch';

// Deep imports only: the @zxing/library index pulls every format (127 KB gzip; this module, 28 KB).

interface FoundCode {
  text: string;
  /** Bounding box of the finder (and alignment) pattern centres, in input pixels. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

// Codes with modules under ~2 px lose finder patterns to rounding; a bilinear enlargement recovers
// most of them (3× reads about 85% of 1.4–2.2 px blurred codes, 2× about 70%) but costs 9× or 4× the
// pixels, so it is the last pass and shrinks with the image. Above 1920×1080 it is skipped.
function enlargementFor(pixels: number): number {
  if (pixels <= 1300 * 850) return 3;
  if (pixels <= 1920 * 1080) return 2;
  return 1;
}

// A noisy page can propose many finder triples; each failed one costs a grid sample and an RS decode.
const MAX_TRIPLES = 64;

// TRY_HARDER only steers zxing's own finder, which MultiFinderPatternFinder replaces with a full scan;
// the decoder reads hints for a character set alone, and its guess (UTF-8, Latin-1, Shift_JIS) is
// what an otpauth label needs.
const NO_HINTS = new Map<DecodeHintType, unknown>();

// A box the page says may hold a code (an element it could not read itself) is read closely: cropped
// and enlarged until one pass reads it. Measured on codes a browser shrank smoothly to 1.2 px per module
// (tests/unit/qr/decode.test.ts, scripts/bench/qr.mjs): a 4× bilinear enlargement with the local
// (hybrid) threshold reads most, 5× and 3× the rest; the global histogram reads some codes whose
// blur defeats the local threshold. Nearest-neighbour enlargement read no code that these missed.
const REGION_PASSES = [
  { factor: 4, binarizer: 'hybrid' },
  { factor: 5, binarizer: 'hybrid' },
  { factor: 3, binarizer: 'hybrid' },
  { factor: 2, binarizer: 'hybrid' },
  { factor: 4, binarizer: 'histogram' },
  { factor: 1, binarizer: 'histogram' },
] as const;
const MAX_REGIONS = 16;
/** Enlargements stop at this side: a box that big already has pixels enough per module. */
const MAX_REGION_SIDE = 1600;

// The capture's luminance stays while later passes fill the other plane (its negative, enlargements).
const scratch = new ScratchBuffers();
const capturePlane = (length: number) => scratch.plane('capture', length);
const passPlane = (length: number) => scratch.plane('pass', length);

/**
 * Returns the text of every QR code in an RGBA image, de-duplicated, in reading order; [] if none.
 * `candidates` are boxes (image pixels) where the page shows a picture it could not read natively:
 * each one not already read is decoded on its own, enlarged, so codes down to ~1.2 px a module read.
 */
export async function decodeQrCodes(image: RgbaImage, candidates: readonly Rect[] = []): Promise<string[]> {
  // Everything from here to the return is synchronous: the scratch planes are this call's alone.
  const luma = toLuma(image, capturePlane);
  // Cheap path first; each later pass only runs when everything before it found nothing.
  const found = decodeAll(binarise(luma), 1);
  // Light-on-dark codes (dark-mode pages) only read from the negative.
  if (found.length === 0) found.push(...decodeAll(binarise(negative(luma)), 1));
  // Candidate boxes are small, so reading them closely costs little next to enlarging the whole image.
  for (const rect of candidates.slice(0, MAX_REGIONS)) {
    if (!found.some((code) => centreInside(code, rect))) found.push(...decodeRegion(luma, rect));
  }
  const factor = enlargementFor(luma.width * luma.height);
  // Dark-mode pages with tiny codes would need a fourth, inverted enlarged pass; not worth its cost.
  if (found.length === 0 && factor > 1) {
    found.push(...decodeAll(binarise(scaleUp(luma, factor, passPlane)), factor));
  }
  return inReadingOrder(found);
}

function decodeRegion(image: LumaImage, rect: Rect): FoundCode[] {
  // Element boxes are rounded and may clip the quiet zone; a margin gives the finder its white border.
  const margin = 4 + 0.08 * Math.max(rect.width, rect.height);
  const area = {
    x: rect.x - margin,
    y: rect.y - margin,
    width: rect.width + 2 * margin,
    height: rect.height + 2 * margin,
  };
  const crop = cropLuma(image, area);
  if (!crop || crop.width < 21 || crop.height < 21) return [];
  const left = Math.max(0, Math.floor(area.x));
  const top = Math.max(0, Math.floor(area.y));
  const side = Math.max(crop.width, crop.height);
  for (const { factor, binarizer } of REGION_PASSES) {
    if (factor > 1 && side * factor > MAX_REGION_SIDE) continue;
    const plane = factor === 1 ? crop : scaleUp(crop, factor, passPlane);
    const matrix =
      binarizer === 'hybrid'
        ? binarise(plane)
        : new GlobalHistogramBinarizer(
            new RGBLuminanceSource(plane.luma, plane.width, plane.height),
          ).getBlackMatrix();
    const found = decodeAll(matrix, factor);
    if (found.length > 0) {
      return found.map((c) => ({
        ...c,
        left: c.left + left,
        right: c.right + left,
        top: c.top + top,
        bottom: c.bottom + top,
      }));
    }
  }
  return [];
}

function centreInside(code: FoundCode, rect: Rect): boolean {
  const x = (code.left + code.right) / 2;
  const y = (code.top + code.bottom) / 2;
  return x >= rect.x && x <= rect.x + rect.width && y >= rect.y && y <= rect.y + rect.height;
}

function binarise(image: LumaImage): BitMatrix {
  return hybridBinarize(image, (length) => scratch.zeroedWords(length));
}

/** The image's negative, in the pass plane. */
function negative({ luma, width, height }: LumaImage): LumaImage {
  const out = passPlane(luma.length);
  for (let p = 0; p < luma.length; p++) out[p] = 255 - (luma[p] as number);
  return { luma: out, width, height };
}

function decodeAll(matrix: BitMatrix, scale: number): FoundCode[] {
  const triples = new MultiFinderPatternFinder(matrix).findTriples();
  const detector = new TripleDetector(matrix);
  const decoder = new Decoder();
  const used = new Set<FinderPattern>();
  const found: FoundCode[] = [];
  for (const triple of triples.slice(0, MAX_TRIPLES)) {
    // A pattern that framed one decoded code cannot belong to another.
    if (triple.some((p) => used.has(p))) continue;
    for (const grid of detector.grids(triple)) {
      const text = readGrid(grid.getBits(), decoder);
      if (text === undefined) continue;
      for (const p of triple) used.add(p);
      found.push({ text, ...box(grid.getPoints(), scale) });
      break;
    }
  }
  return found;
}

function readGrid(bits: BitMatrix, decoder: Decoder): string | undefined {
  try {
    return decoder.decodeBitMatrix(bits, NO_HINTS).getText();
  } catch (e) {
    // Not a code after all, or too damaged: the caller moves on to the next candidate.
    if (e instanceof ZxingException) return undefined;
    throw e;
  }
}

function box(points: ResultPoint[], scale: number): Omit<FoundCode, 'text'> {
  const xs = points.map((p) => p.getX() / scale);
  const ys = points.map((p) => p.getY() / scale);
  return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

// Codes whose vertical extents overlap sit on one line and read left to right; lines read top down.
function inReadingOrder(found: FoundCode[]): string[] {
  const sorted = [...found].sort((a, b) => a.top - b.top);
  const lines: FoundCode[][] = [];
  for (const code of sorted) {
    const line = lines.at(-1);
    const lineBottom = line ? Math.max(...line.map((c) => c.bottom)) : Number.NEGATIVE_INFINITY;
    if (line && code.top < lineBottom) line.push(code);
    else lines.push([code]);
  }
  const texts = lines.flatMap((line) => line.sort((a, b) => a.left - b.left).map((c) => c.text));
  return [...new Set(texts)];
}
