import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Item } from '#contracts/items.ts';
import { apiOk, type E2EApp, launchBrowser, newContext, signInViaApi, startApp } from './harness.ts';

export { expectNoSeriousA11y } from './axe.ts';

/**
 * What the backlog browser tests share: the people of the League Platform, a fresh server with the
 * workspace and the product, API calls that fail loudly, and the board's drag and locators.
 */
export const PEOPLE = {
  po: { name: 'Paula Owner', email: 'paula@example.test', password: 'paula-password-1' },
  team: { name: 'Theo Team', email: 'theo@example.test', password: 'theo-password-12' },
  stakeholder: { name: 'Sam Sponsor', email: 'sam@example.test', password: 'sam-password-123' },
  viewer: { name: 'Vera Viewer', email: 'vera@example.test', password: 'vera-password-12' },
} as const;
type Person = Exclude<keyof typeof PEOPLE, 'po'>;

export interface League {
  app: E2EApp;
  browser: Browser;
  productId: string;
  /** A signed-in browser context per person: the PO's, and one per member asked for. */
  as: { po: BrowserContext } & Partial<Record<Person, BrowserContext>>;
  /** The user id of each member asked for. */
  ids: Partial<Record<Person, string>>;
  /** An API call as `ctx` that throws on any status from 300 up. */
  api<T>(ctx: BrowserContext, method: string, url: string, data?: unknown): Promise<T>;
  /** Adds a customer segment to the product; returns its id. */
  segment(name: string): Promise<string>;
  /** Every item of the product, in backlog order, as the server has it now. */
  items(): Promise<Item[]>;
  /** The team member sets the size of `item` (If-Match on the version given). */
  size(item: Pick<Item, 'id' | 'key' | 'version'>, points: number): Promise<void>;
  stop(): Promise<void>;
}

/** A server, its workspace (Paula set it up) and the League Platform (LEAG) with the members asked for. */
export async function startLeague(members: Partial<Record<Person, string>>): Promise<League> {
  const browser = await launchBrowser();
  const app = await startApp();
  const api = <T>(ctx: BrowserContext, method: string, url: string, data?: unknown) =>
    apiOk<T>(ctx, app, method, url, data);
  const po = await newContext(browser);
  const setup = await po.request.post(`${app.url}/api/v1/setup`, {
    data: { ...PEOPLE.po, workspaceName: 'Harbour League' },
    headers: { origin: app.url },
  });
  if (!setup.ok()) throw new Error(`setup failed: ${setup.status()}`);
  await signInViaApi(po, app, PEOPLE.po.email, PEOPLE.po.password);
  const productId = (
    await api<{ id: string }>(po, 'POST', '/api/v1/products', { name: 'League Platform', key: 'LEAG' })
  ).id;
  const as: League['as'] = { po };
  const ids: League['ids'] = {};
  for (const [person, role] of Object.entries(members) as Array<[Person, string]>) {
    const user = PEOPLE[person];
    ids[person] = (await api<{ id: string }>(po, 'POST', '/api/v1/users', user)).id;
    await api(po, 'POST', `/api/v1/products/${productId}/members`, { userId: ids[person], role });
    const ctx = await newContext(browser);
    await signInViaApi(ctx, app, user.email, user.password);
    as[person] = ctx;
  }
  return {
    app,
    browser,
    productId,
    as,
    ids,
    api,
    segment: async (name) =>
      (await api<{ id: string }>(po, 'POST', `/api/v1/products/${productId}/segments`, { name })).id,
    items: async () =>
      (await api<{ items: Item[] }>(po, 'GET', `/api/v1/products/${productId}/items?limit=100`)).items,
    async size(item, points) {
      const team = as.team;
      if (!team) throw new Error('sizing needs the team member: startLeague({ team: "team" })');
      const r = await team.request.patch(`${app.url}/api/v1/items/${item.id}`, {
        data: { size: points },
        headers: { origin: app.url, 'If-Match': String(item.version) },
      });
      if (!r.ok()) throw new Error(`sizing ${item.key} failed: ${r.status()}`);
    },
    async stop() {
      await browser.close();
      await app.stop();
    },
  };
}

export const column = (p: Page, name: string) => p.getByRole('region', { name, exact: true });
export const card = (p: Page, key: string) => p.locator('.b-card', { hasText: key });
export const row = (p: Page, key: string) => p.locator(`tr[data-key="${key}"]`);
/** What dnd-kit's live region last told a screen-reader user. */
export const announced = (p: Page) => p.locator('[id^="DndLiveRegion"]').textContent();
/**
 * dnd-kit starts listening for the arrow keys a tick after a card is lifted; a person's next key
 * comes a good deal later, and so must the test's, or the key is lost on a busy machine.
 */
export const keyPause = (p: Page) => p.waitForTimeout(80);

/**
 * Drags `from` onto `to` with the mouse in small steps, as a hand does, hesitating as the card
 * leaves its column (that is when a stray text selection would scroll the board).
 */
export async function drag(p: Page, from: Locator, to: Locator, beforeRelease?: () => Promise<void>) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('card or column not laid out');
  const start = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const end = { x: b.x + b.width / 2, y: b.y + 80 };
  await p.mouse.move(start.x, start.y);
  await p.mouse.down();
  await p.mouse.move(start.x + 10, start.y, { steps: 2 });
  for (let i = 1; i <= 10; i++) {
    await p.mouse.move(start.x + ((end.x - start.x) * i) / 10, start.y + ((end.y - start.y) * i) / 10);
    await p.waitForTimeout(i === 4 ? 300 : 16);
  }
  await beforeRelease?.();
  await p.mouse.up();
}
