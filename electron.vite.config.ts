import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';

/**
 * electron-vite expects src/main, src/preload and src/renderer; our layout keeps main-process code
 * in src-main and the renderer in src-renderer (shared/guides/architecture-style.md section 1).
 * The Electron entry points arrive with the desktop shell (issue 4).
 */
const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(root, 'src-main/electron/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be one self-contained file.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(root, 'src-main/preload/index.ts') } },
    },
  },
  renderer: {
    root: 'src-renderer',
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(root, 'src-renderer/index.html') } },
    },
  },
});
