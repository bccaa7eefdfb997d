import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

/**
 * `npm run dev`: the API under `tsx watch` (restarts when server code changes) on TANDEM_API_PORT
 * (3001), and Vite's dev server with hot reload on PORT (3000), proxying /api to the API. Open
 * http://localhost:3000. Data lives in TANDEM_DATA_DIR (./data), as with `npm start`.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webPort = Number(process.env.PORT ?? 3000);
const apiPort = Number(process.env.TANDEM_API_PORT ?? 3001);

const api: ChildProcess = spawn(
  process.execPath,
  [
    path.join(root, 'node_modules/tsx/dist/cli.mjs'),
    'watch',
    '--clear-screen=false',
    'src/cli/tandem.ts',
    'start',
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      TANDEM_LOG_LEVEL: process.env.TANDEM_LOG_LEVEL ?? 'warn',
    },
  },
);

process.env.TANDEM_API_PORT = String(apiPort);
process.env.TANDEM_WEB_PORT = String(webPort);
const vite = await createServer({ configFile: path.join(root, 'vite.config.ts') });
await vite.listen();
console.log(`\nTandem (dev) at http://localhost:${webPort}  — API on :${apiPort}, hot reload on.\n`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  api.kill('SIGTERM');
  await vite.close();
  process.exit(code);
}
api.on('exit', (code) => {
  if (!stopping) console.error(`The API process exited (${code ?? 'signal'}).`);
  void stop(code ?? 1);
});
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
