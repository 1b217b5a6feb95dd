/** A picture on the page that may hold a QR code, as the injected collector returns it. */
export type PageImage =
  | { kind: 'raster'; dataUrl: string; width: number; height: number }
  | { kind: 'svg'; markup: string; width: number; height: number };

/**
 * Runs inside the page (injected with scripting.executeScript, so it must be self-contained): returns the
 * visible, roughly square `<img>`, `<canvas>` and inline `<svg>` pictures at their native resolution, which
 * decode far more reliably than a downscaled screenshot. Cross-origin images taint the canvas and are skipped:
 * the screenshot path covers them.
 */
export function collectPageImages(): PageImage[] {
  const MAX_IMAGES = 24;
  const found: PageImage[] = [];
  const squareEnough = (w: number, h: number) => w >= 21 && h >= 21 && w / h > 0.6 && w / h < 1.7;
  const shown = (el: Element) => {
    const box = el.getBoundingClientRect();
    return box.width >= 16 && box.height >= 16 && getComputedStyle(el).visibility !== 'hidden';
  };
  const rasterize = (source: CanvasImageSource, width: number, height: number) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')?.drawImage(source, 0, 0, width, height);
    return canvas.toDataURL('image/png');
  };
  for (const img of Array.from(document.images)) {
    if (found.length >= MAX_IMAGES) break;
    if (!img.complete || !squareEnough(img.naturalWidth, img.naturalHeight) || !shown(img)) continue;
    try {
      found.push({
        kind: 'raster',
        dataUrl: rasterize(img, img.naturalWidth, img.naturalHeight),
        width: img.naturalWidth,
        height: img.naturalHeight,
      });
    } catch {
      // Tainted by a cross-origin image: left to the screenshot.
    }
  }
  for (const canvas of Array.from(document.querySelectorAll('canvas'))) {
    if (found.length >= MAX_IMAGES) break;
    if (!squareEnough(canvas.width, canvas.height) || !shown(canvas)) continue;
    try {
      found.push({
        kind: 'raster',
        dataUrl: canvas.toDataURL('image/png'),
        width: canvas.width,
        height: canvas.height,
      });
    } catch {
      // Tainted canvas.
    }
  }
  for (const svg of Array.from(document.querySelectorAll('svg'))) {
    if (found.length >= MAX_IMAGES) break;
    const box = svg.getBoundingClientRect();
    if (!squareEnough(box.width, box.height) || !shown(svg)) continue;
    const markup = new XMLSerializer().serializeToString(svg);
    if (markup.length < 2_000_000) found.push({ kind: 'svg', markup, width: box.width, height: box.height });
  }
  return found;
}
