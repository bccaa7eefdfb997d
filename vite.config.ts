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
  },
  server: {
    port: Number(process.env.TANDEM_WEB_PORT ?? 3000),
    strictPort: true,
    proxy: {
      // changeOrigin keeps Host = the API's, and the Origin header is rewritten to match, so the
      // server's CSRF check (Origin must equal its own host) holds in development too.
      '/api': {
        target: `http://127.0.0.1:${apiPort}`,
        changeOrigin: true,
        configure(proxy) {
          proxy.on('proxyReq', (req) => {
            if (req.getHeader('origin')) req.setHeader('origin', `http://127.0.0.1:${apiPort}`);
          });
        },
      },
    },
  },
});
