import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The dependency rule (ARCHITECTURE.md) is enforced by `npm run check`, at any folder depth: this
 * writes files that break it, deep and shallow, and expects the check to fail naming each one.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

const violations: Record<string, string> = {
  // A parent-relative import from three folders down, into the database layer.
  'src/server/app/items/zz-deep/zz-violation.ts': "export { openPool } from '../../../db/pool.ts';\n",
  // The alias does not help: app/ never imports db/ or http/.
  'src/server/app/items/zz-alias-violation.ts': "export { AppStore } from '#db/store.ts';\n",
  'src/server/app/zz-http-violation.ts': "export { httpStatus } from '#http/errors.ts';\n",
  // Routes never reach the database.
  'src/server/http/routes/zz-violation.ts': "export { AppStore } from '#db/store.ts';\n",
  // Only the composition root, the cli and the test harness see the capability modules.
  'src/server/http/routes/zz-capability-violation.ts':
    "export { allRoutes } from '#capabilities/index.ts';\n",
  'src/server/app/zz-capability-violation.ts': "export { createServices } from '#capabilities/index.ts';\n",
  // The domain stays pure at depth.
  'src/domain/backlog/zz-violation.ts': "export { readFileSync } from 'node:fs';\n",
  // The web app never imports server code.
  'src/web/features/backlog/zz-violation.ts': "export { AppStore } from '#db/store.ts';\n",
};

afterAll(() => {
  for (const file of Object.keys(violations)) rmSync(path.join(root, file), { force: true });
  rmSync(path.join(root, 'src/server/app/items/zz-deep'), { recursive: true, force: true });
});

describe('the dependency rule', () => {
  it('fails `npm run check` on a wrong-way import at any depth, naming each file', async () => {
    for (const [file, text] of Object.entries(violations)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const result = await run('npm', ['run', '-s', 'check'], { cwd: root, maxBuffer: 32 * 1024 * 1024 }).then(
      () => ({ code: 0, out: '' }),
      (err: { code: number; stdout: string; stderr: string }) => ({
        code: err.code,
        out: `${err.stdout}\n${err.stderr}`,
      }),
    );
    expect(result.code).not.toBe(0);
    for (const file of Object.keys(violations)) expect(result.out).toContain(file);
    expect(result.out).toContain('No parent-relative imports');
  }, 120_000);
});

/** Every .ts file under a folder of src/, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.ts') && !d.name.includes('.test.'))
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)));
}

describe('one writer of events and NOTIFY', () => {
  it('sends NOTIFY and inserts events only in the events repository', () => {
    const offenders = sources('src')
      .filter((f) => f !== path.join('src/server/db/repositories/events.repository.ts'))
      .filter((f) =>
        // SQL only: pg_notify(…), a NOTIFY statement in a query string, an insert into events (…).
        /pg_notify\s*\(|['"`]\s*notify\s+\w|insert\s+into\s+events\s*\(/i.test(
          readFileSync(path.join(root, f), 'utf8'),
        ),
      );
    expect(offenders).toEqual([]);
  });
});
