// Renders the toolbar/store icons from one SVG with the system Chromium (run by hand after a design change:
// `node scripts/make-icons.mjs`). The PNGs are committed so builds need no browser.
import { chromium } from 'playwright';
import { chromiumPath } from './lib/browsers.mjs';

const SIZES = [16, 32, 48, 96, 128];
// A mosaic tile set (tessera = a mosaic tile): four tiles, one lit, on a rounded square.
const svg = ({ bg1, bg2, tile, lit, ring }) => `
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="${bg1}"/><stop offset="1" stop-color="${bg2}"/></linearGradient></defs>
  <rect x="4" y="4" width="120" height="120" rx="28" fill="url(#g)" stroke="${ring}" stroke-width="4"/>
  <rect x="24" y="24" width="36" height="36" rx="9" fill="${tile}"/>
  <rect x="68" y="24" width="36" height="36" rx="9" fill="${lit}"/>
  <rect x="24" y="68" width="36" height="36" rx="9" fill="${tile}"/>
  <rect x="68" y="68" width="36" height="36" rx="9" fill="${tile}"/>
</svg>`;
const variants = {
  icon: { bg1: '#4338ca', bg2: '#6d28d9', tile: '#ffffff', lit: '#fbbf24', ring: '#312e81' },
  'icon-light': { bg1: '#6366f1', bg2: '#8b5cf6', tile: '#ffffff', lit: '#fcd34d', ring: '#e0e7ff' },
};

const browser = await chromium.launch({ executablePath: chromiumPath() });
const page = await browser.newPage();
for (const [dir, colors] of Object.entries(variants)) {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}</style><img src="data:image/svg+xml,${encodeURIComponent(svg(colors))}" width="${size}" height="${size}">`,
    );
    await page.screenshot({ path: `public/${dir}/${size}.png`, omitBackground: true });
  }
}
await browser.close();
