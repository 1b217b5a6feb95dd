import BitArray from '@zxing/library/esm/core/common/BitArray';
import type BitMatrix from '@zxing/library/esm/core/common/BitMatrix';
import type DetectorResult from '@zxing/library/esm/core/common/DetectorResult';
import ZxingException from '@zxing/library/esm/core/Exception';
import Detector from '@zxing/library/esm/core/qrcode/detector/Detector';
import type FinderPattern from '@zxing/library/esm/core/qrcode/detector/FinderPattern';
import FinderPatternFinder from '@zxing/library/esm/core/qrcode/detector/FinderPatternFinder';
import FinderPatternInfo from '@zxing/library/esm/core/qrcode/detector/FinderPatternInfo';
import ResultPoint from '@zxing/library/esm/core/ResultPoint';

// @zxing/library (JS) has no QRCodeMultiReader, and its single finder stops after the first three
// confirmed finder patterns, mixing patterns of two codes on a page with several. This is a port of
// ZXing's MultiFinderPatternFinder: scan the whole bitmap, then propose every triple of finder
// patterns laid out like one code (similar module size, right isosceles triangle).

const MIN_MODULES_PER_EDGE = 9;
const MAX_MODULES_PER_EDGE = 180;
const MODULE_SIZE_DIFF_PX = 0.5;
const MODULE_SIZE_DIFF_RATIO = 0.05;
const TRIANGLE_TOLERANCE = 0.1;

/** Finds the finder patterns of every QR code in a binarised page. */
export class MultiFinderPatternFinder extends FinderPatternFinder {
  constructor(image: BitMatrix) {
    // The zxing finder accepts no callback (it checks for null); its typing just does not say so.
    super(image, null as never);
  }

  /** Triples of finder patterns, each already ordered bottom-left, top-left, top-right. */
  findTriples(): FinderPattern[][] {
    this.scanRows();
    const centers = this.getPossibleCenters()
      .filter((p) => p.getCount() >= 2)
      .sort((a, b) => a.getEstimatedModuleSize() - b.getEstimatedModuleSize());
    const triples: FinderPattern[][] = [];
    for (let i1 = 0; i1 < centers.length - 2; i1++) {
      const p1 = centers[i1] as FinderPattern;
      for (let i2 = i1 + 1; i2 < centers.length - 1; i2++) {
        const p2 = centers[i2] as FinderPattern;
        // Sorted by module size, so once one partner is too big every later one is too.
        if (!similarModuleSize(p1, p2)) break;
        for (let i3 = i2 + 1; i3 < centers.length; i3++) {
          const p3 = centers[i3] as FinderPattern;
          if (!similarModuleSize(p2, p3)) break;
          const triple = [p1, p2, p3];
          ResultPoint.orderBestPatterns(triple);
          if (looksLikeOneCode(triple as [FinderPattern, FinderPattern, FinderPattern])) triples.push(triple);
        }
      }
    }
    return triples;
  }

  // Same row scan as FinderPatternFinder.find with TRY_HARDER, minus its early exit, taken a run of one
  // colour at a time: the pixel-by-pixel state machine only acts where the colour changes, and a page is
  // mostly long white runs, skipped here a 32-bit word at a time.
  private scanRows(): void {
    const image = this.getImage();
    const maxI = image.getHeight();
    const maxJ = image.getWidth();
    const state = new Int32Array(5);
    let row = new BitArray(maxJ);
    for (let i = 1; i < maxI; i += 2) {
      state.fill(0);
      let current = 0;
      row = image.getRow(i, row);
      const words = row.getBitArray();
      for (let j = 0; j < maxJ; ) {
        const black = (((words[j >> 5] as number) >>> (j & 31)) & 1) === 1;
        const end = runEnd(words, j, black, maxJ);
        const run = end - j;
        if (black) {
          if ((current & 1) === 1) current++;
          (state[current] as number) += run;
        } else if ((current & 1) === 1) {
          (state[current] as number) += run;
        } else if (current !== 4) {
          current++;
          (state[current] as number) += run;
        } else if (
          FinderPatternFinder.foundPatternCross(state) &&
          this.handlePossibleCenter(state, i, j, false)
        ) {
          // A confirmed centre restarts the count; the rest of this white run opens the next pattern.
          state.fill(0);
          state[1] = run - 1;
          current = run > 1 ? 1 : 0;
        } else {
          // Keep the last black-white pair as the start of the next candidate, this white run included.
          state[0] = state[2] as number;
          state[1] = state[3] as number;
          state[2] = state[4] as number;
          state[3] = run;
          state[4] = 0;
          current = 3;
        }
        j = end;
      }
      if (FinderPatternFinder.foundPatternCross(state)) this.handlePossibleCenter(state, i, maxJ, false);
    }
  }
}

/** The first column from `start` on whose colour differs from `black`, or `width` when the row ends first. */
function runEnd(words: Int32Array, start: number, black: boolean, width: number): number {
  let w = start >> 5;
  // Set bits mark pixels of the other colour, at or after `start`.
  let other = (black ? ~(words[w] as number) : (words[w] as number)) & (-1 << (start & 31));
  while (other === 0) {
    w++;
    if (w >= words.length) return width;
    other = black ? ~(words[w] as number) : (words[w] as number);
  }
  const end = (w << 5) + 31 - Math.clz32(other & -other);
  return Math.min(end, width);
}

function similarModuleSize(a: FinderPattern, b: FinderPattern): boolean {
  const sa = a.getEstimatedModuleSize();
  const sb = b.getEstimatedModuleSize();
  const diff = Math.abs(sa - sb);
  return diff <= MODULE_SIZE_DIFF_PX || diff / Math.min(sa, sb) < MODULE_SIZE_DIFF_RATIO;
}

function looksLikeOneCode([bottomLeft, topLeft, topRight]: [
  FinderPattern,
  FinderPattern,
  FinderPattern,
]): boolean {
  const dA = ResultPoint.distance(topLeft, bottomLeft);
  const dB = ResultPoint.distance(topLeft, topRight);
  const dC = ResultPoint.distance(topRight, bottomLeft);
  const modules = (dA + dB) / (topLeft.getEstimatedModuleSize() * 2);
  if (modules > MAX_MODULES_PER_EDGE || modules < MIN_MODULES_PER_EDGE) return false;
  if (Math.abs(dA - dB) / Math.min(dA, dB) >= TRIANGLE_TOLERANCE) return false;
  const expectedDiagonal = Math.sqrt(dA * dA + dB * dB);
  return Math.abs(dC - expectedDiagonal) / Math.min(dC, expectedDiagonal) < TRIANGLE_TOLERANCE;
}

/**
 * Samples the module grid of the code that one finder-pattern triple frames. At fractional zoom the
 * finder runs misjudge the module size by a few per cent, enough to land on an impossible or wrong
 * symbol dimension; so after zxing's own guess, the nearest other valid dimensions are tried too.
 */
export class TripleDetector extends Detector {
  private forcedModuleSize: number | undefined;

  protected override calculateModuleSize(
    topLeft: ResultPoint,
    topRight: ResultPoint,
    bottomLeft: ResultPoint,
  ): number {
    return this.forcedModuleSize ?? super.calculateModuleSize(topLeft, topRight, bottomLeft);
  }

  /** Candidate grids for a triple, most likely first; the caller decodes until one reads. */
  *grids(triple: FinderPattern[]): Generator<DetectorResult> {
    const info = new FinderPatternInfo(triple);
    const [bottomLeft, topLeft, topRight] = [info.getBottomLeft(), info.getTopLeft(), info.getTopRight()];
    this.forcedModuleSize = undefined;
    let tried = 0;
    const first = this.attempt(info);
    if (first) {
      tried = first.getBits().getWidth();
      yield first;
    }
    const estimate = super.calculateModuleSize(topLeft, topRight, bottomLeft);
    const span = (ResultPoint.distance(topLeft, topRight) + ResultPoint.distance(topLeft, bottomLeft)) / 2;
    const guess = span / estimate + 7;
    const alternatives = VALID_DIMENSIONS.filter((d) => d !== tried)
      .sort((a, b) => Math.abs(a - guess) - Math.abs(b - guess))
      .slice(0, 2);
    for (const dimension of alternatives) {
      // Centre-to-centre spans (dimension - 7) modules; this module size makes zxing pick that dimension.
      this.forcedModuleSize = span / (dimension - 7);
      const result = this.attempt(info);
      if (result) yield result;
    }
  }

  private attempt(info: FinderPatternInfo): DetectorResult | undefined {
    try {
      return this.processFinderPatternInfo(info);
    } catch (e) {
      if (e instanceof ZxingException) return undefined;
      throw e;
    }
  }
}

const VALID_DIMENSIONS = Array.from({ length: 40 }, (_, v) => 21 + 4 * v);
