import { build } from 'vite';

/** Bundles the framework-driven test pages (React) into tests/e2e/pages/build once per run. */
export default async function globalSetup(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir: 'tests/e2e/pages/build',
      emptyOutDir: true,
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
