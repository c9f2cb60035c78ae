import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { rendererCsp } from './electron/shell/renderer-csp';
import { APP_ORIGIN } from './electron/shell/trusted-url';

// One build for the three parts. Main stays ESM with its dependencies external (they ship in
// node_modules); the sandboxed preload must be a single CommonJS file with nothing external.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { main: resolve('electron/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: resolve('electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    // The page comes from this server in `npm run dev`; previews still come from app://.
    server: { headers: { 'Content-Security-Policy': rendererCsp(APP_ORIGIN, true) } },
    build: {
      outDir: 'out/renderer',
      minify: true,
      rolldownOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
