import type { Actor } from '#app/actor.ts';
import type { ProductContext } from '#app/products.ts';
import type { Services } from '#app/services.ts';
import type { ItemType, LinkKind } from '#domain/backlog/item-rules.ts';
import { LEAGUE_BACKLOG } from './backlog-league.ts';
import { NOTIF_BACKLOG } from './backlog-notif.ts';
import { VIP_BACKLOG } from './backlog-vip.ts';

type Person = 'paul' | 'nora' | 'tara' | 'theo' | 'tess' | 'fiona' | 'sam';
type TeamMember = 'tara' | 'theo' | 'tess';

/** What the backlog demo needs from the core demo (src/cli/demo/core.ts DemoContext fits it). */
export interface BacklogDemoContext {
  users: Record<Person, Actor>;
  products: Record<'vip' | 'league' | 'notif', { id: string; key: string; segments: Record<string, string> }>;
}

/** One acceptance scenario, written as it reads; split into its Given/When/Then fields on seeding. */
export type Scenario = `Given ${string}, when ${string}, then ${string}`;
/** One comment, "who: text". */
export type DemoComment = `${Person}: ${string}`;

/**
 * One backlog item of the demo data files (backlog-{vip,league,notif}.ts and their -early.ts first halves).
 * Array order is backlog order: the sprint demo pulls from the top, so the first items become
 * the closed sprints' history and the rest is the live backlog.
 */
export interface DemoItem {
  /** Local name, for links and `{ref}` placeholders (comments; descriptions of later items). */
  ref?: string;
  type: ItemType;
  title: string;
  problem?: string;
  description?: string;
  /** Business value, time criticality, risk reduction on 1, 2, 3, 5, 8, 13, 20 (set by the PO). */
  value?: [number, number, number];
  /** Story points, set by a team member (`by`, else rotating through the team); absent = needs estimate. */
  size?: number;
  by?: TeamMember;
  /** Segment keys of the product (core.ts). */
  seg?: string[];
  labels?: string[];
  ac?: Scenario[];
  /** "If everything else were ready, would we delay the release for this?" (seed 001). */
  rc?: boolean;
  status?: 'ready' | 'in_progress' | 'rejected';
  assignee?: TeamMember;
  /** "This item <kind> the other", by ref. */
  links?: Array<[LinkKind, string]>;
  /** Refinement conversation, in order; mention people as @Full Name or @first-name. */
  comments?: DemoComment[];
}

const TEAM: readonly TeamMember[] = ['tara', 'theo', 'tess'];

function scenario(s: Scenario): { given: string; when: string; then: string } {
  const m = /^Given (.+?), when (.+?), then (.+)$/.exec(s);
  if (!m) throw new Error(`Demo data: not a Given/When/Then scenario: ${s}`);
  return { given: m[1]!, when: m[2]!, then: m[3]! };
}

async function seedProduct(
  services: Services,
  ctx: BacklogDemoContext,
  productKey: keyof BacklogDemoContext['products'],
  owner: Person,
  items: DemoItem[],
): Promise<Map<string, string>> {
  const product = ctx.products[productKey];
  const as = (who: Person): ProductContext => ({
    actor: ctx.users[who],
    productId: product.id,
    role:
      who === owner
        ? 'owner'
        : who === 'sam'
          ? 'stakeholder'
          : who === 'fiona'
            ? 'facilitator'
            : (TEAM as readonly Person[]).includes(who)
              ? 'team'
              : 'viewer',
  });
  const po = as(owner);
  const ids = new Map<string, string>();
  const keys = new Map<string, string>();
  const created: Array<{ id: string; d: DemoItem }> = [];
  /** `{ref}` in text becomes that item's key (PROD-12), so the conversation names real items. */
  const withKeys = (text: string) =>
    text.replace(/\{(\w+)\}/g, (_, ref: string) => {
      const key = keys.get(ref);
      if (!key) throw new Error(`Demo data: no earlier item with ref "${ref}" in ${product.key}`);
      return key;
    });
  for (const [n, d] of items.entries()) {
    let item = await services.items.create(po, {
      type: d.type,
      title: d.title,
      problem: d.problem ?? '',
      description: withKeys(d.description ?? ''),
      acceptanceCriteria: (d.ac ?? []).map(scenario),
      segmentIds: (d.seg ?? []).map((s) => {
        const id = product.segments[s];
        if (!id) throw new Error(`Demo data: ${product.key} has no segment "${s}" (${d.title})`);
        return id;
      }),
      labels: d.labels ?? [],
      releaseCritical: d.rc ?? false,
      businessValue: d.value?.[0] ?? null,
      timeCriticality: d.value?.[1] ?? null,
      riskReduction: d.value?.[2] ?? null,
    });
    // The team estimates (seed 003): sizes are set by a team member, never by the PO.
    const dev = as(d.by ?? TEAM[n % TEAM.length]!);
    if (d.size != null) item = await services.items.update(dev, item.id, item.version, { size: d.size });
    if (d.status === 'ready' || d.status === 'in_progress')
      item = await services.items.update(po, item.id, item.version, { status: 'ready' });
    if (d.status === 'in_progress') {
      const who = d.assignee ?? 'theo';
      item = await services.items.update(as(who), item.id, item.version, {
        status: 'in_progress',
        assigneeId: ctx.users[who].userId,
      });
    }
    if (d.status === 'rejected')
      await services.items.update(po, item.id, item.version, { status: 'rejected' });
    if (d.ref) {
      ids.set(d.ref, item.id);
      keys.set(d.ref, item.key);
    }
    created.push({ id: item.id, d });
  }
  // Links and comments after every item exists, so any item may point at any other.
  const refId = (ref: string) => {
    const id = ids.get(ref);
    if (!id) throw new Error(`Demo data: no item with ref "${ref}" in ${product.key}`);
    return id;
  };
  for (const { id, d } of created) {
    for (const [kind, ref] of d.links ?? []) await services.items.link(as('tara'), id, kind, refId(ref));
    for (const c of d.comments ?? []) {
      const at = c.indexOf(': ');
      await services.items.comment(as(c.slice(0, at) as Person), id, withKeys(c.slice(at + 2)));
    }
  }
  return ids;
}

/** Fills the demo products with backlogs drawn from the seed stories (shared/seeds 000–002). */
export async function seedBacklogDemo(services: Services, ctx: BacklogDemoContext): Promise<void> {
  const { users, products } = ctx;
  // Readiness in the demo follows the INVEST checks, except Independent (blocked items may be ready).
  for (const [p, owner] of [
    [products.vip, users.paul],
    [products.league, users.paul],
    [products.notif, users.nora],
  ] as const) {
    await services.items.saveSettings(
      { actor: owner, productId: p.id, role: 'owner' },
      0, // a fresh product: only the defaults exist
      { definitionOfReady: ['negotiable', 'valuable', 'estimable', 'small', 'testable'] },
    );
  }
  await seedProduct(services, ctx, 'vip', 'paul', VIP_BACKLOG);
  await seedProduct(services, ctx, 'league', 'paul', LEAGUE_BACKLOG);
  await seedProduct(services, ctx, 'notif', 'nora', NOTIF_BACKLOG);
}
