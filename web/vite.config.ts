// Builds the web UI into build/ui (or $LARDER_UI_OUT), where `larder serve` finds it. `npx vite`
// serves it for development with the API proxied to a running `larder serve` ($LARDER_URL).
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: process.env.LARDER_UI_OUT ?? '../build/ui',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/api': process.env.LARDER_URL ?? 'http://127.0.0.1:8000' },
  },
});
