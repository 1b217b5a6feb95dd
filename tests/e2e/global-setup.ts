import { mkdirSync, writeFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { build } from 'vite';

/** The setup QR code the enrollment test pages show (secret also printed on the page, as real sites do). */
export const ENROLL_SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';
export const ENROLL_URI = `otpauth://totp/Acme%20Corp:dana%40acme.test?secret=${ENROLL_SECRET}&issuer=Acme%20Corp`;
/** A second account's setup code, for pages that show two. */
export const SECOND_URI =
  'otpauth://totp/Acme%20Corp:ops%40acme.test?secret=MFRGGZDFMZTWQ2LK&issuer=Acme%20Corp';

/** Builds what the test pages need once per run: the React page bundle and the enrollment QR images. */
export default async function globalSetup(): Promise<void> {
  mkdirSync('tests/e2e/pages/build', { recursive: true });
  await QRCode.toFile('tests/e2e/pages/build/enroll-qr.png', ENROLL_URI, { width: 240, margin: 2 });
  await QRCode.toFile('tests/e2e/pages/build/enroll-qr-large.png', ENROLL_URI, { width: 720, margin: 2 });
  await QRCode.toFile('tests/e2e/pages/build/second-qr.png', SECOND_URI, { width: 200, margin: 2 });
  await QRCode.toFile('tests/e2e/pages/build/app-link-qr.png', 'https://apps.example.com/acme', {
    width: 200,
  });
  // Shown by CSS at about 1.2 px per module: drawn at 8 px per module, as a site's image would be.
  await QRCode.toFile('tests/e2e/pages/build/enroll-qr-fine.png', ENROLL_URI, { scale: 8, margin: 4 });
  // The module matrix, for pages that draw the code as a grid of elements.
  const { modules } = QRCode.create(ENROLL_URI, {});
  const rows = Array.from({ length: modules.size }, (_, r) =>
    Array.from({ length: modules.size }, (_, c) => (modules.get(r, c) ? '1' : '0')).join(''),
  );
  writeFileSync(
    'tests/e2e/pages/build/enroll-modules.js',
    `window.enrollModules = ${JSON.stringify(rows)};\n`,
  );
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir: 'tests/e2e/pages/build',
      emptyOutDir: false,
      minify: true,
      lib: {
        entry: 'tests/e2e/pages-src/react-otp.ts',
        formats: ['iife'],
        name: 'reactOtp',
        fileName: () => 'react-otp.js',
      },
    },
  });
}
