import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run build` and `npm start`: builds the web app only when its sources changed since the last
 * build. The build takes most of a warm start; a fingerprint of every input (the web app, the
 * contracts and domain it imports, the Vite config and the lock file) is kept beside the output,
 * so an unchanged tree starts at once. `--force` builds regardless.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'dist/web');
const stampFile = path.join(outDir, '.build-fingerprint');
const INPUTS = [
  'src/web',
  'src/contracts',
  'src/domain',
  'vite.config.ts',
  'package.json',
  'package-lock.json',
];

function files(entry: string): string[] {
  const full = path.join(root, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { withFileTypes: true })
    .filter((d) => !d.name.endsWith('.test.ts') && !d.name.endsWith('.test.tsx'))
    .flatMap((d) => files(path.join(entry, d.name)));
}

/** A content hash of every input, in a stable order. */
export function webFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(files).sort()) {
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  }
  return hash.digest('hex');
}

export async function ensureWebBuild(force = false): Promise<'built' | 'current'> {
  const fingerprint = webFingerprint();
  const current =
    existsSync(path.join(outDir, 'index.html')) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8') === fingerprint;
  if (current && !force) return 'current';
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(stampFile, fingerprint);
  return 'built';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const result = await ensureWebBuild(process.argv.includes('--force'));
  if (result === 'built') console.log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
