import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
// In development (`npm run dev`) the API runs on its own port; Vite proxies /api to it so the
// browser sees one origin, exactly as in production where Fastify serves dist/web itself.
const apiPort = Number(process.env.TANDEM_API_PORT ?? 3001);

export default defineConfig({
  root: path.join(here, 'src/web'),
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      // zod's own comments trip Rollup's annotation parser; the warning says nothing about our code.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod')) return;
        warn(warning);
      },
    },
  },
  server: {
    port: Number(process.env.TANDEM_WEB_PORT ?? 3000),
    strictPort: true,
    proxy: {
      // The Host header is kept (no changeOrigin), so the API sees the browser's own origin: its CSRF
      // check (Origin must equal its host) passes and invitation links point at the dev server.
      '/api': { target: `http://127.0.0.1:${apiPort}` },
    },
  },
});
