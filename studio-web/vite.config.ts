import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const galleryUrl = process.env.GALLERY_URL ?? 'http://127.0.0.1:4000';
const inferenceUrl = process.env.INFERENCE_URL ?? 'http://127.0.0.1:4100';

// Paths keep their /api/<service> prefix: each service mounts its routes under it, so no rewrite.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api/gallery': { target: galleryUrl, changeOrigin: false },
      '/api/inference': { target: inferenceUrl, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api/gallery': { target: galleryUrl },
      '/api/inference': { target: inferenceUrl },
    },
  },
  // Konva and React are one ~600 kB chunk; a kiosk loads it once, so no split yet.
  // Maps are public and carry no sources: a stack trace from a kiosk still maps to file and line (the code is
  // the AGPL repository's), while the built site does not ship every source file, node_modules included, again.
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 800, rolldownOptions: { output: { sourcemapExcludeSources: true } } },
});
