import BitMatrix from '@zxing/library/esm/core/common/BitMatrix';
import GlobalHistogramBinarizer from '@zxing/library/esm/core/common/GlobalHistogramBinarizer';
import RGBLuminanceSource from '@zxing/library/esm/core/RGBLuminanceSource';
import type { LumaImage } from './crop';

// zxing's HybridBinarizer, bit for bit, at a fraction of its cost: it calls BitMatrix.set per dark pixel
// and keeps block thresholds in an array of rows, which made it a third of a page decode. Here block
// black points live in one typed array, thresholds compare integers, and each 8-pixel block row is
// written to the matrix as one byte of bits. Same black points, same threshold rule, same output.

const BLOCK_POWER = 3;
const BLOCK = 1 << BLOCK_POWER;
/** zxing's hybrid threshold needs 5×5 blocks; below that it binarises with the global histogram. */
const MIN_SIDE = BLOCK * 5;
/** Blocks whose luminance spans no more than this are taken as flat (all light or all dark). */
const MIN_DYNAMIC_RANGE = 24;

/**
 * Binarises a luminance image as zxing's HybridBinarizer does: dark pixels are set bits. `zeroedWords`
 * supplies the matrix's storage (fresh by default; a decoder may lend a reused one).
 */
export function hybridBinarize(
  image: LumaImage,
  zeroedWords: (length: number) => Int32Array = (length) => new Int32Array(length),
): BitMatrix {
  const { luma, width, height } = image;
  if (width < MIN_SIDE || height < MIN_SIDE) {
    return new GlobalHistogramBinarizer(new RGBLuminanceSource(luma, width, height)).getBlackMatrix();
  }
  const blocksX = (width + BLOCK - 1) >> BLOCK_POWER;
  const blocksY = (height + BLOCK - 1) >> BLOCK_POWER;
  const { blackPoints, minima, maxima } = blockStatistics(luma, width, height, blocksX, blocksY);
  const rowWords = (width + 31) >> 5;
  const bits = zeroedWords(rowWords * height);
  const maxX = width - BLOCK;
  const maxY = height - BLOCK;
  for (let by = 0; by < blocksY; by++) {
    const y0 = Math.min(by << BLOCK_POWER, maxY);
    const top = Math.min(Math.max(by, 2), blocksY - 3);
    for (let bx = 0; bx < blocksX; bx++) {
      const x0 = Math.min(bx << BLOCK_POWER, maxX);
      const left = Math.min(Math.max(bx, 2), blocksX - 3);
      let sum = 0;
      for (let row = (top - 2) * blocksX + left - 2, end = row + 5 * blocksX; row < end; row += blocksX) {
        sum +=
          (blackPoints[row] as number) +
          (blackPoints[row + 1] as number) +
          (blackPoints[row + 2] as number) +
          (blackPoints[row + 3] as number) +
          (blackPoints[row + 4] as number);
      }
      // zxing thresholds at the mean of the 5×5 neighbourhood, sum / 25; for whole pixel values,
      // pixel <= sum / 25 is pixel <= floor(sum / 25).
      const threshold = Math.floor(sum / 25);
      const block = by * blocksX + bx;
      // Most of a page is blocks wholly above their threshold (background) or wholly below it.
      if ((minima[block] as number) > threshold) continue;
      const allDark = (maxima[block] as number) <= threshold;
      const word = x0 >> 5;
      const shift = x0 & 31;
      for (let y = y0; y < y0 + BLOCK; y++) {
        const p = y * width + x0;
        // One block row, unrolled (BLOCK is 8): about twice as fast as a loop in V8.
        const dark = allDark
          ? 0xff
          : ((luma[p] as number) <= threshold ? 1 : 0) |
            ((luma[p + 1] as number) <= threshold ? 2 : 0) |
            ((luma[p + 2] as number) <= threshold ? 4 : 0) |
            ((luma[p + 3] as number) <= threshold ? 8 : 0) |
            ((luma[p + 4] as number) <= threshold ? 16 : 0) |
            ((luma[p + 5] as number) <= threshold ? 32 : 0) |
            ((luma[p + 6] as number) <= threshold ? 64 : 0) |
            ((luma[p + 7] as number) <= threshold ? 128 : 0);
        if (dark === 0) continue;
        // OR, as zxing's set(): the last block of a row or column overlaps the one before it.
        const w = y * rowWords + word;
        bits[w] = (bits[w] as number) | (dark << shift);
        if (shift > 32 - BLOCK) bits[w + 1] = (bits[w + 1] as number) | (dark >>> (32 - shift));
      }
    }
  }
  return new BitMatrix(width, height, rowWords, bits);
}

/**
 * zxing's calculateBlackPoints (one estimate of the black level per 8×8 block, rows of blocks in one
 * array), with each block's darkest and lightest pixel.
 */
function blockStatistics(
  luma: Uint8ClampedArray,
  width: number,
  height: number,
  blocksX: number,
  blocksY: number,
): { blackPoints: Int32Array; minima: Uint8Array; maxima: Uint8Array } {
  const points = new Int32Array(blocksX * blocksY);
  const minima = new Uint8Array(points.length);
  const maxima = new Uint8Array(points.length);
  const maxX = width - BLOCK;
  const maxY = height - BLOCK;
  for (let by = 0; by < blocksY; by++) {
    const y0 = Math.min(by << BLOCK_POWER, maxY);
    for (let bx = 0; bx < blocksX; bx++) {
      const x0 = Math.min(bx << BLOCK_POWER, maxX);
      let sum = 0;
      let min = 255;
      let max = 0;
      for (let p = y0 * width + x0, end = p + BLOCK * width; p < end; p += width) {
        // One block row, unrolled (BLOCK is 8): about twice as fast as a loop in V8.
        const v0 = luma[p] as number;
        const v1 = luma[p + 1] as number;
        const v2 = luma[p + 2] as number;
        const v3 = luma[p + 3] as number;
        const v4 = luma[p + 4] as number;
        const v5 = luma[p + 5] as number;
        const v6 = luma[p + 6] as number;
        const v7 = luma[p + 7] as number;
        sum += v0 + v1 + v2 + v3 + v4 + v5 + v6 + v7;
        min = Math.min(min, v0, v1, v2, v3, v4, v5, v6, v7);
        max = Math.max(max, v0, v1, v2, v3, v4, v5, v6, v7);
      }
      const i = by * blocksX + bx;
      minima[i] = min;
      maxima[i] = max;
      if (max - min > MIN_DYNAMIC_RANGE) {
        points[i] = sum >> (2 * BLOCK_POWER);
        continue;
      }
      // A flat block is taken as background, black level half its minimum, unless the blocks above and
      // to the left saw a darker black level: then it sits inside a dark area and inherits theirs.
      let point = min / 2;
      if (by > 0 && bx > 0) {
        const neighbours =
          ((points[i - blocksX] as number) +
            2 * (points[i - 1] as number) +
            (points[i - blocksX - 1] as number)) /
          4;
        if (min < neighbours) point = neighbours;
      }
      // Int32Array stores truncate, as zxing's do.
      points[i] = point;
    }
  }
  return { blackPoints: points, minima, maxima };
}
