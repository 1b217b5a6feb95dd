import { describe, expect, it } from 'vitest';
import { cropLuma, QrImageError, scaleUp, toLuma } from '../../../lib/qr/crop';

function rgba(...pixels: [number, number, number, number][]): Uint8ClampedArray {
  return new Uint8ClampedArray(pixels.flat());
}

describe('toLuma', () => {
  it('weights green most, then red, then blue', () => {
    const { luma } = toLuma({
      data: rgba([255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255]),
      width: 3,
      height: 1,
    });
    expect([...luma]).toEqual([76, 149, 28]);
  });

  it('keeps black and white exact', () => {
    const { luma } = toLuma({ data: rgba([0, 0, 0, 255], [255, 255, 255, 255]), width: 2, height: 1 });
    expect([...luma]).toEqual([0, 255]);
  });

  it('composites transparent pixels over white, whatever colour they hide', () => {
    const { luma } = toLuma({
      data: rgba([0, 0, 0, 0], [0, 0, 0, 128], [0, 0, 0, 255]),
      width: 3,
      height: 1,
    });
    expect([...luma]).toEqual([255, 127, 0]);
  });

  it('reads a view that does not start on a 4-byte boundary', () => {
    const buffer = new Uint8ClampedArray(9);
    buffer.set([10, 20, 30, 255, 200, 200, 200, 255], 1);
    const { luma, width, height } = toLuma({ data: buffer.subarray(1), width: 2, height: 1 });
    expect([width, height, ...luma]).toEqual([2, 1, 18, 200]);
  });

  it.each([
    [{ data: new Uint8ClampedArray(12), width: 2, height: 2 }, /needs 16/],
    [{ data: new Uint8ClampedArray(0), width: 0, height: 0 }, /invalid size/],
    [{ data: new Uint8ClampedArray(8), width: 1.5, height: 1 }, /invalid size/],
  ])('rejects a malformed image with a typed error', (image, message) => {
    expect(() => toLuma(image)).toThrow(QrImageError);
    expect(() => toLuma(image)).toThrow(message);
  });
});

describe('scaleUp', () => {
  it('multiplies both sides and keeps a flat image flat', () => {
    const out = scaleUp({ luma: new Uint8ClampedArray(6).fill(90), width: 3, height: 2 }, 3);
    expect([out.width, out.height, out.luma.length]).toEqual([9, 6, 54]);
    expect(out.luma.every((v) => v === 90)).toBe(true);
  });

  it('interpolates between pixel centres and clamps at the edges', () => {
    const out = scaleUp({ luma: new Uint8ClampedArray([0, 255]), width: 2, height: 1 }, 2);
    expect([...out.luma.subarray(0, 4)]).toEqual([0, 64, 191, 255]);
  });

  it('returns the same pixels for a factor of 1', () => {
    const luma = new Uint8ClampedArray([1, 2, 3, 4]);
    expect([...scaleUp({ luma, width: 2, height: 2 }, 1).luma]).toEqual([1, 2, 3, 4]);
  });

  it.each([0, 1.5, -2])('rejects factor %s', (factor) => {
    expect(() => scaleUp({ luma: new Uint8ClampedArray(1), width: 1, height: 1 }, factor)).toThrow(
      RangeError,
    );
  });
});

describe('cropLuma', () => {
  // 4×3 image whose pixel values are their own index.
  const image = { luma: Uint8ClampedArray.from({ length: 12 }, (_, i) => i), width: 4, height: 3 };

  it('copies the pixels a rectangle covers, widening fractional edges outwards', () => {
    expect(cropLuma(image, { x: 1.5, y: 0.2, width: 1.2, height: 1.5 })).toEqual({
      luma: Uint8ClampedArray.from([1, 2, 5, 6]),
      width: 2,
      height: 2,
    });
  });

  it('clips a rectangle that sticks out of the image', () => {
    expect(cropLuma(image, { x: -5, y: 2, width: 7, height: 9 })).toEqual({
      luma: Uint8ClampedArray.from([8, 9]),
      width: 2,
      height: 1,
    });
  });

  it('returns null for a rectangle wholly outside', () => {
    expect(cropLuma(image, { x: 10, y: 0, width: 5, height: 5 })).toBeNull();
  });
});
