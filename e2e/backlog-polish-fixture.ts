import type { Page } from 'playwright-core';
import { type League, startLeague } from './backlog-kit.ts';

/**
 * The backlog's rough edges, as its users met them: rows a stakeholder or viewer could tick with
 * nothing to do with the ticks; a board whose last column was cut off at 1280 px with nothing to
 * say there was more; a refusal on the board that could not be put away. Shared by the list and
 * board halves of these tests.
 */
/** The League with all four roles and four stories; LEAG-1, 3 and 4 sized by the team. */
export async function startPolishLeague(): Promise<League> {
  const league = await startLeague({ team: 'team', stakeholder: 'stakeholder', viewer: 'viewer' });
  const { api, productId } = league;
  const po = league.as.po;
  const admins = await league.segment('League admins');
  const sponsors = await league.segment('Regional sponsorship coordinators');
  // LEAG-1 and LEAG-3 meet the Definition of Ready once the team sizes them; LEAG-2 has no
  // criteria and no estimate, so the board refuses it in Ready.
  const stories: Array<[string, boolean, string[], boolean]> = [
    ['City admins see only their city', true, [admins, sponsors], true],
    ['Season archive', false, [admins], false],
    ['Sponsor logo upload', true, [sponsors], false],
    ['Fixture clash warnings', true, [admins], false],
  ];
  for (const [title, criteria, segmentIds, releaseCritical] of stories) {
    await api(po, 'POST', `/api/v1/products/${productId}/items`, {
      type: 'story',
      title,
      problem: `League admins lose time: ${title.toLowerCase()}.`,
      segmentIds,
      releaseCritical,
      businessValue: 8,
      timeCriticality: 5,
      riskReduction: 3,
      acceptanceCriteria: criteria
        ? [{ given: 'a league admin of Leeds', when: 'they open the teams', then: 'only Leeds teams show' }]
        : [],
    });
  }
  for (const it of (await league.items()).filter((i) => ['LEAG-1', 'LEAG-3', 'LEAG-4'].includes(i.key)))
    await league.size(it, 3);
  return league;
}

export const statusOf = async (league: League, key: string) =>
  (await league.items()).find((i) => i.key === key)?.status;
export const grid = (p: Page) => p.getByRole('grid', { name: 'Backlog items' });
export const selectedRows = (p: Page) => p.locator('tbody.b-body tr[aria-selected="true"]').count();
export const panel = (p: Page) => p.getByRole('complementary', { name: 'Item details' });
export const refusal = (p: Page) => p.locator('.b-alert', { has: p.getByRole('alert') });
export const dismiss = (p: Page) => p.getByRole('button', { name: 'Dismiss this message' });
export const moreButton = (p: Page, side: 'left' | 'right') =>
  p.getByRole('button', { name: new RegExp(`^\\d+ more columns? to the ${side}: `) });

/** Where each column sits against the board's visible area: fully in view or not. */
export const columnsInView = (p: Page) =>
  p.$eval('.b-board', (b) => {
    const box = b.getBoundingClientRect();
    return Object.fromEntries(
      [...b.querySelectorAll<HTMLElement>('.b-column')].map((c) => {
        const r = c.getBoundingClientRect();
        return [c.getAttribute('aria-label'), r.left >= box.left - 1 && r.right <= box.right + 1];
      }),
    );
  });
