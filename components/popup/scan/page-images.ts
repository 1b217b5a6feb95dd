/** A box in the frame's viewport, in CSS pixels (getBoundingClientRect). */
export interface PageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A picture on the page that may hold a QR code, read at its native resolution. */
export type PagePicture =
  | { kind: 'raster'; dataUrl: string; width: number; height: number }
  | { kind: 'svg'; markup: string; width: number; height: number };

/** What one frame shows that may be a QR code, as the injected collector returns it. */
export interface PageScan {
  pictures: PagePicture[];
  /** Images from another origin the page may not read (tainted canvas): the extension fetches them where it may. */
  remote: { url: string; box: PageBox }[];
  /** Where a code may be drawn that no picture covers (cell grids, tainted canvases, images still loading). */
  unread: PageBox[];
  viewport: { width: number; height: number };
}

/**
 * Runs inside the page (injected with scripting.executeScript, so it must be self-contained). Walks the
 * document and every shadow root, closed ones included (the extension's isolated world may open them),
 * and returns the visible, roughly square `<img>`, `<canvas>`, inline `<svg>` and CSS background pictures
 * at their native resolution, which decode far more reliably than a screenshot; wherever a picture cannot
 * be read here, its box, so the popup can fetch it, read that part of the screenshot closely, or tell the
 * user to scroll it into view. Pictures below the fold are read too: only the screenshot needs them in view.
 */
export async function collectPageImages(): Promise<PageScan> {
  const MAX_PICTURES = 24;
  const scan: PageScan = {
    pictures: [],
    remote: [],
    unread: [],
    viewport: { width: innerWidth, height: innerHeight },
  };
  const squareEnough = (w: number, h: number) => w >= 21 && h >= 21 && w / h > 0.6 && w / h < 1.7;
  const boxOf = (el: Element): PageBox => {
    const { x, y, width, height } = el.getBoundingClientRect();
    return { x, y, width, height };
  };
  const shown = (el: Element, box: PageBox) =>
    box.width >= 16 && box.height >= 16 && getComputedStyle(el).visibility !== 'hidden';
  const rasterize = (source: CanvasImageSource, width: number, height: number) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.getContext('2d')?.drawImage(source, 0, 0, width, height);
    // Throws a SecurityError when the source came from another origin without CORS.
    return canvas.toDataURL('image/png');
  };
  const addRaster = (source: CanvasImageSource, width: number, height: number) => {
    scan.pictures.push({ kind: 'raster', dataUrl: rasterize(source, width, height), width, height });
  };
  const loadImage = async (url: string) => {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  };
  // Chrome opens closed roots for extensions through chrome.dom, Firefox through the element itself.
  type Opener = { dom?: { openOrClosedShadowRoot?: (el: Element) => ShadowRoot | null } };
  const chromeDom = (globalThis as { chrome?: Opener }).chrome?.dom;
  const shadowOf = (el: Element): ShadowRoot | null =>
    chromeDom?.openOrClosedShadowRoot?.(el) ??
    (el as Element & { openOrClosedShadowRoot?: () => ShadowRoot | null }).openOrClosedShadowRoot?.() ??
    el.shadowRoot;
  const elements: Element[] = [];
  const walk = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      elements.push(el);
      const shadow = shadowOf(el);
      if (shadow) walk(shadow);
    }
  };
  walk(document);

  for (const el of elements) {
    if (scan.pictures.length + scan.remote.length >= MAX_PICTURES) break;
    const box = boxOf(el);
    if (!squareEnough(box.width, box.height) || !shown(el, box)) continue;
    if (el instanceof HTMLImageElement) {
      if (!el.complete || el.naturalWidth === 0) {
        scan.unread.push(box);
      } else if (squareEnough(el.naturalWidth, el.naturalHeight)) {
        try {
          addRaster(el, el.naturalWidth, el.naturalHeight);
        } catch {
          scan.remote.push({ url: el.currentSrc || el.src, box });
        }
      }
    } else if (el instanceof HTMLCanvasElement) {
      try {
        scan.pictures.push({
          kind: 'raster',
          dataUrl: el.toDataURL('image/png'),
          width: el.width,
          height: el.height,
        });
      } catch {
        scan.unread.push(box);
      }
    } else if (el instanceof SVGSVGElement) {
      if (el.ownerSVGElement) continue;
      const markup = new XMLSerializer().serializeToString(el);
      if (markup.length < 2_000_000)
        scan.pictures.push({ kind: 'svg', markup, width: box.width, height: box.height });
    } else {
      const background = /url\(["']?([^"')]+)["']?\)/.exec(getComputedStyle(el).backgroundImage)?.[1];
      if (background) {
        const url = new URL(background, document.baseURI).href;
        try {
          const img = await loadImage(url);
          addRaster(img, img.naturalWidth, img.naturalHeight);
        } catch {
          scan.remote.push({ url, box });
        }
      } else if (looksLikeCellGrid(el, box)) {
        // Tables and div grids: one element per module (or per row of modules), no text.
        scan.unread.push(box);
      }
    }
  }
  return scan;

  function looksLikeCellGrid(el: Element, box: PageBox): boolean {
    const first = el.firstElementChild;
    if (el.childElementCount < 21 || !first) return false;
    const cell = first.getBoundingClientRect();
    const small = cell.height <= box.height / 15 || cell.width <= box.width / 15;
    return small && (el.textContent ?? '').trim().length < el.childElementCount;
  }
}
