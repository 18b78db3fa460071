/**
 * Build of the three Electron processes (electron-vite 6 on Vite 8).
 *
 * - main: `src-main/electron/main.ts` → `out/main/index.js` (ESM, since
 *   package.json says `"type": "module"`). Every runtime dependency stays
 *   external and is loaded from node_modules; the native ones (better-sqlite3,
 *   @napi-rs/keyring) must be, since a `.node` file cannot be bundled.
 * - preload: `src-preload/index.ts` → `out/preload/index.cjs`. A sandboxed
 *   preload is a classic script that may `require` only 'electron', so it is
 *   CommonJS with everything else bundled in.
 * - renderer: `src-renderer/index.html` → `out/renderer`, with relative asset
 *   URLs so the files can be served from `qwanyx://app/`.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: { include: ['better-sqlite3', '@napi-rs/keyring'] },
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/electron/main.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rolldownOptions: {
        input: { index: resolve(root, 'src-renderer/index.html') },
      },
    },
  },
});
