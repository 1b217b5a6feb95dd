import { browser } from 'wxt/browser';
import type { Rect, RgbaImage } from '../../../lib/qr/crop';
import { hasSetupCode, mergeDecoded } from '../../../lib/qr/merge';
import type { CurrentTab } from '../current-tab';
import { collectPageImages, type PageBox, type PagePicture, type PageScan } from './page-images';

const MIN_DECODE_SIDE = 300;
const MAX_SVG_SIDE = 1200;
/** A fetched image larger than this is no QR code a page shows. */
const MAX_REMOTE_BYTES = 8 * 1024 * 1024;

/** What a scan of a tab read, and whether a picture that may be a code lay outside the visible area unread. */
export interface TabScan {
  texts: string[];
  unreadOutOfView: boolean;
}

/**
 * Everything the QR codes on a tab say: every picture the page can hand over, cross-origin images the
 * extension may fetch, then, while no setup code has turned up, a screenshot of the visible area (read
 * closely wherever the page showed a picture it could not read). Both are merged, each code once.
 */
export async function scanTab(tab: CurrentTab): Promise<TabScan> {
  const { decodeQrCodes } = await import('../../../lib/qr/decode');
  const frames = await pageScans(tab.id);
  const native: string[] = [];
  for (const picture of frames.flatMap(({ scan }) => scan.pictures)) {
    native.push(...(await decodeQrCodes(await pictureToRgba(picture))));
  }
  // Boxes still unread after fetching, with the frame they belong to.
  const unread: { frameId: number; scan: PageScan; box: PageBox }[] = [];
  for (const { frameId, scan } of frames) {
    for (const box of scan.unread) unread.push({ frameId, scan, box });
    for (const { url, box } of scan.remote) {
      const texts = await readRemoteImage(url, decodeQrCodes);
      if (texts === null || texts.length === 0) unread.push({ frameId, scan, box });
      else native.push(...texts);
    }
  }
  if (hasSetupCode(native)) return { texts: mergeDecoded(native), unreadOutOfView: false };

  const top = frames.find((f) => f.frameId === 0)?.scan;
  const windowId = (await browser.tabs.get(tab.id)).windowId;
  // PNG in device pixels (CSS pixels × devicePixelRatio), decoded at that size: nothing downsamples it.
  const capture = await rasterToRgba(await browser.tabs.captureVisibleTab(windowId, { format: 'png' }), 1);
  // Element boxes are in the top frame's CSS pixels; the capture's width says how many device pixels that is.
  const scale = top ? capture.width / top.viewport.width : 1;
  const regions: Rect[] = unread
    .filter((u) => u.frameId === 0 && inView(u.box, u.scan))
    .map(({ box }) => ({
      x: box.x * scale,
      y: box.y * scale,
      width: box.width * scale,
      height: box.height * scale,
    }));
  const texts = mergeDecoded(native, await decodeQrCodes(capture, regions));
  return { texts, unreadOutOfView: unread.some((u) => !inView(u.box, u.scan)) };
}

/** Each frame's pictures, or none when the page cannot be scripted (browser pages, store pages). */
async function pageScans(tabId: number): Promise<{ frameId: number; scan: PageScan }[]> {
  const results = await browser.scripting
    .executeScript({ target: { tabId, allFrames: true }, func: collectPageImages })
    .catch(() => []);
  return results.flatMap((r) => (r.result ? [{ frameId: r.frameId, scan: r.result as PageScan }] : []));
}

/** Whole within its frame's visible area (2 px of rounding allowed): only then can the screenshot show it. */
function inView(box: PageBox, scan: PageScan): boolean {
  const { width, height } = scan.viewport;
  return box.x >= -2 && box.y >= -2 && box.x + box.width <= width + 2 && box.y + box.height <= height + 2;
}

/**
 * A cross-origin image the page could not hand over, fetched by the extension, which may read it only
 * with host access to its origin (the test build; the real build holds activeTab for the page alone).
 * Without cookies: the page's own request carried them, the extension's would be first-party and could
 * reach what the page cannot. Null when it cannot be fetched or decoded.
 */
async function readRemoteImage(
  url: string,
  decode: (image: RgbaImage) => Promise<string[]>,
): Promise<string[] | null> {
  if (!/^https?:/i.test(url)) return null;
  try {
    const response = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' });
    const blob = await response.blob();
    if (!response.ok || blob.size > MAX_REMOTE_BYTES || !blob.type.startsWith('image/')) return null;
    const objectUrl = URL.createObjectURL(blob);
    try {
      return await decode(await rasterToRgba(objectUrl));
    } finally {
      URL.revokeObjectURL(objectUrl);
    }
  } catch {
    // No host access (CORS refuses), offline, or not an image.
    return null;
  }
}

async function pictureToRgba(picture: PagePicture): Promise<RgbaImage> {
  if (picture.kind === 'raster') {
    return rasterToRgba(picture.dataUrl);
  }
  const scale = Math.min(
    MAX_SVG_SIDE / Math.max(picture.width, picture.height),
    Math.max(2, MIN_DECODE_SIDE / Math.min(picture.width, picture.height)),
  );
  return rasterToRgba(
    `data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture.markup)}`,
    scale,
    picture,
  );
}

/**
 * Decodes an image URL into RGBA pixels, scaled by `scale` with hard edges (QR modules stay crisp); by
 * default small images are enlarged to MIN_DECODE_SIDE, since zxing needs a few pixels per module.
 */
async function rasterToRgba(
  url: string,
  scale?: number,
  size?: { width: number; height: number },
): Promise<RgbaImage> {
  const img = new Image();
  img.src = url;
  await img.decode();
  scale ??= Math.max(1, Math.ceil(MIN_DECODE_SIDE / Math.min(img.naturalWidth, img.naturalHeight)));
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
