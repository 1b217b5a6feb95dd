import { browser } from 'wxt/browser';
import type { RgbaImage } from '../../../lib/qr/crop';
import type { CurrentTab } from '../current-tab';
import { collectPageImages, type PageImage } from './page-images';

// Codes drawn smaller than this are enlarged before decoding: zxing needs a few pixels per module.
const MIN_DECODE_SIDE = 300;
const MAX_SVG_SIDE = 1200;

/** Everything the QR codes on a tab say, from its pictures first and a screenshot when they say nothing. */
export async function scanTab(tab: CurrentTab): Promise<string[]> {
  const { decodeQrCodes } = await import('../../../lib/qr/decode');
  const texts = new Set<string>();
  for (const image of await pageImages(tab.id)) {
    for (const text of await decodeQrCodes(await toRgba(image))) texts.add(text);
  }
  if (texts.size === 0) {
    const windowId = (await browser.tabs.get(tab.id)).windowId;
    const capture = await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
    for (const text of await decodeQrCodes(await rasterToRgba(capture, 1))) texts.add(text);
  }
  return [...texts];
}

/** The page's pictures, or none when the page cannot be scripted (browser pages, store pages). */
async function pageImages(tabId: number): Promise<PageImage[]> {
  const results = await browser.scripting
    .executeScript({ target: { tabId, allFrames: true }, func: collectPageImages })
    .catch(() => []);
  return results.flatMap((r) => (Array.isArray(r.result) ? (r.result as PageImage[]) : []));
}

async function toRgba(image: PageImage): Promise<RgbaImage> {
  if (image.kind === 'raster') {
    return rasterToRgba(
      image.dataUrl,
      Math.max(1, Math.ceil(MIN_DECODE_SIDE / Math.min(image.width, image.height))),
    );
  }
  const scale = Math.min(
    MAX_SVG_SIDE / Math.max(image.width, image.height),
    Math.max(2, MIN_DECODE_SIDE / Math.min(image.width, image.height)),
  );
  return rasterToRgba(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(image.markup)}`, scale, image);
}

/** Decodes an image URL into RGBA pixels, scaled by `scale` with hard edges (QR modules stay crisp). */
async function rasterToRgba(
  url: string,
  scale: number,
  size?: { width: number; height: number },
): Promise<RgbaImage> {
  const img = new Image();
  img.src = url;
  await img.decode();
  const width = Math.round((size?.width ?? img.naturalWidth) * scale);
  const height = Math.round((size?.height ?? img.naturalHeight) * scale);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('No 2D canvas available to read the QR code.');
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(img, 0, 0, width, height);
  const { data } = ctx.getImageData(0, 0, width, height);
  return { data, width, height };
}
