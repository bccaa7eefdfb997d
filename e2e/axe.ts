import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page and returns the serious and critical violations, each with the
 * elements it found, so a failing test says exactly what to fix.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeFinding[]> {
  // Evaluated through the devtools protocol, not added as a <script>: the page's CSP (script-src
  // 'self') rightly refuses an injected inline script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<AxeResults> } }).axe;
    type AxeResults = {
      violations: Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: unknown[] }>;
      }>;
    };
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fails the test with every serious or critical axe finding on `p`, named after the screen. */
export async function expectNoSeriousA11y(p: Page, screen: string) {
  const found = await seriousA11yViolations(p);
  expect(found, `${screen}: ${JSON.stringify(found, null, 2)}`).toEqual([]);
}
