import type { ItemType } from '../../domain/backlog/item-rules.ts';
import type { Actor } from '../../server/app/actor.ts';
import type { ProductContext } from '../../server/app/products.ts';
import type { Services } from '../../server/app/services.ts';

/** What the backlog demo needs from the core demo (src/cli/demo/core.ts DemoContext fits it). */
export interface BacklogDemoContext {
  users: Record<'paul' | 'nora' | 'tara' | 'theo' | 'tess' | 'sam', Actor>;
  products: Record<'vip' | 'league' | 'notif', { id: string; key: string; segments: Record<string, string> }>;
}

type Scenario = { given: string; when: string; then: string };
interface DemoItem {
  type: ItemType;
  title: string;
  problem?: string;
  /** Business value, time criticality, risk reduction (set by the PO). */
  value?: [number, number, number];
  /** Story points (set by a team member). */
  size?: number;
  segments?: string[];
  labels?: string[];
  ac?: Scenario[];
  releaseCritical?: boolean;
  status?: 'ready' | 'in_progress' | 'done';
  description?: string;
}

const sc = (given: string, when: string, then: string): Scenario => ({ given, when, then });

// Seed 000: the backlog is full of Secretariat work, VIP-facing features are rare.
const VIP: DemoItem[] = [
  {
    type: 'story',
    title: 'Create a meeting for several VIPs in one go',
    problem: 'Secretariat staff create the same meeting once per VIP, re-typing agenda and venue each time.',
    value: [8, 3, 2],
    size: 5,
    segments: ['secretariat'],
    labels: ['meetings'],
    ac: [sc('three VIPs are selected', 'I create one meeting', 'all three receive the same invitation')],
    status: 'ready',
  },
  {
    type: 'story',
    title: 'Copy last year’s meeting series',
    problem: 'Every January the Secretariat rebuilds the yearly meeting calendar by hand.',
    value: [5, 8, 1],
    size: 3,
    segments: ['secretariat'],
    labels: ['meetings'],
    ac: [sc('a series from last year', 'I copy it to this year', 'dates move to the same weekdays')],
  },
  {
    type: 'story',
    title: 'Bulk-edit VIP profiles',
    problem: 'Profile updates after each reorganisation take the Secretariat two days.',
    value: [5, 2, 1],
    size: 8,
    segments: ['secretariat'],
    labels: ['profiles'],
  },
  {
    type: 'story',
    title: 'Secretariat dashboard of pending invitations',
    problem: 'The Secretariat cannot see who has not answered an invitation without opening each meeting.',
    value: [3, 3, 1],
    size: 5,
    segments: ['secretariat'],
  },
  {
    type: 'story',
    title: 'Import guest lists from a spreadsheet',
    problem: 'Guest lists arrive as spreadsheets and are re-typed.',
    value: [5, 2, 2],
    segments: ['secretariat'],
    labels: ['import'],
  },
  {
    type: 'story',
    title: 'Meeting room booking from the meeting form',
    problem: 'Rooms are booked in a separate tool, so meetings and rooms get out of step.',
    value: [3, 2, 1],
    size: 3,
    segments: ['secretariat'],
  },
  {
    type: 'story',
    title: 'See which other VIPs attend a meeting before accepting',
    problem: 'VIPs decide whether to attend based on who else will be there, and today they have to ask.',
    value: [13, 5, 3],
    size: 3,
    segments: ['vip'],
    labels: ['vip-experience'],
    ac: [sc('a meeting with five accepted VIPs', 'I open the invitation', 'I see their names and roles')],
    releaseCritical: true,
    status: 'ready',
  },
  {
    type: 'story',
    title: 'Follow topics and get meeting suggestions',
    problem: 'VIPs find the product “light”: it does not help them discover meetings they care about.',
    value: [8, 2, 5],
    segments: ['vip'],
    labels: ['vip-experience'],
  },
  {
    type: 'spike',
    title: 'Interview 10 VIPs about what “light” means',
    problem: 'We only met VIPs twice in five months; we guess what they want.',
    value: [5, 5, 13],
    size: 2,
    segments: ['vip'],
  },
  {
    type: 'debt',
    title: 'Replace the hand-rolled calendar date maths',
    problem: 'Daylight-saving bugs cost a day of support each spring and autumn.',
    value: [2, 3, 8],
    size: 5,
  },
  {
    type: 'defect',
    title: 'Invitation times shown in the server’s time zone',
    problem: 'VIPs abroad arrive an hour early or late.',
    ac: [sc('a VIP in Singapore', 'they open a meeting set in Paris', 'the time shows in Singapore time')],
    value: [8, 8, 3],
    size: 2,
    segments: ['vip', 'secretariat'],
    releaseCritical: true,
    status: 'in_progress',
  },
];

// Seed 001: the League Platform refinement session.
const LEAGUE: DemoItem[] = [
  {
    type: 'story',
    title: 'View all teams in a league, sortable by sponsor',
    problem:
      'The admin in charge of each league needs to find teams by sponsor; today they scroll a paged list.',
    value: [8, 5, 2],
    size: 8,
    segments: ['admins', 'sponsors'],
    labels: ['teams'],
    ac: [
      sc(
        'a league with 40 teams',
        'I sort the team table by sponsor name',
        'teams are ordered by sponsor across all pages',
      ),
      sc('a league with 40 teams', 'I filter by a sponsor', 'only that sponsor’s teams are listed'),
    ],
    description:
      'Agreed in refinement: release with filtering by sponsor first; sorting later if admins ask for it.',
  },
  {
    type: 'story',
    title: 'Filter the team list by sponsor name',
    problem: 'League admins answer sponsor questions and need that sponsor’s teams quickly.',
    value: [8, 5, 1],
    size: 3,
    segments: ['admins', 'sponsors'],
    labels: ['teams'],
    ac: [sc('teams with several sponsors', 'I filter on one sponsor', 'only their teams show')],
    status: 'ready',
    releaseCritical: true,
  },
  {
    type: 'spike',
    title: 'Spike: data import from Bracket Wizard',
    problem:
      'The import could take 2 days or 2 weeks; that uncertainty blocks a forecast of the whole project.',
    ac: [
      sc(
        'a sample Bracket Wizard export',
        'we import one league',
        'we can estimate the full import within a day',
      ),
    ],
    value: [3, 8, 13],
    size: 3,
    segments: ['admins'],
    labels: ['import'],
    status: 'in_progress',
  },
  {
    type: 'story',
    title: 'Import leagues, teams and fixtures from Bracket Wizard',
    problem: 'Admins keep two systems in step by hand until the data moves over.',
    value: [13, 8, 5],
    segments: ['admins'],
    labels: ['import'],
    releaseCritical: true,
  },
  {
    type: 'debt',
    title: 'Remove copy-pasted fixture validation',
    problem:
      'The same validation is copied in several places: about 2 developer hours and 2 QA hours are lost every week. Fixing it takes 12–16 hours, so it breaks even in 3–4 weeks.',
    value: [3, 5, 8],
    size: 5,
    labels: ['tech-debt'],
    description: 'Break-even: 12–16 h of work ÷ ~4 h saved per week ≈ 3–4 weeks.',
  },
  {
    type: 'story',
    title: 'Limit admin access to their own city’s leagues',
    problem: 'Before growing into other cities, admins must only see and edit leagues in their city.',
    value: [5, 3, 3],
    size: 13,
    segments: ['admins'],
    labels: ['access'],
    description: 'Outside the MVP goal (replicate Bracket Wizard); revisit after the first release.',
  },
  {
    type: 'story',
    title: 'Captains update their roster',
    problem: 'Captains email roster changes to the admin, who re-types them.',
    value: [5, 2, 1],
    size: 5,
    segments: ['captains'],
  },
  {
    type: 'story',
    title: 'Publish standings on the public site',
    problem: 'Standings are exported to a spreadsheet and uploaded by hand after every match day.',
    value: [8, 3, 2],
    size: 8,
    segments: ['captains', 'sponsors'],
    releaseCritical: true,
  },
];

// Seed 002: the duplicate-email defect and the PO's "hack" request.
const NOTIF: DemoItem[] = [
  {
    type: 'defect',
    title: 'Some notifications are sent as several identical emails',
    problem: 'Recipients get the same email two or three times; integrating teams get complaints.',
    value: [13, 13, 5],
    size: 3,
    segments: ['recipients', 'integrators'],
    labels: ['email', 'incident'],
    ac: [
      sc(
        'a notification accepted once',
        'the sender retries after a timeout',
        'exactly one email is delivered',
      ),
    ],
    releaseCritical: true,
    status: 'ready',
  },
  {
    type: 'story',
    title: 'Idempotency keys for the send API',
    problem: 'Integrating teams cannot retry safely, which is how duplicates happen.',
    value: [8, 5, 8],
    size: 5,
    segments: ['integrators'],
    labels: ['api'],
  },
  {
    type: 'story',
    title: 'Delivery status webhook',
    problem: 'Integrating teams poll for delivery status and overload the API.',
    value: [5, 2, 3],
    size: 8,
    segments: ['integrators'],
  },
  {
    type: 'story',
    title: 'Recipients can unsubscribe per notification type',
    problem: 'Recipients unsubscribe from everything because they cannot choose.',
    value: [8, 3, 2],
    segments: ['recipients'],
  },
  {
    type: 'debt',
    title: 'Document the agreed change process for integration changes',
    problem: 'Changes were requested straight from engineers, bypassing the agreed process.',
    value: [2, 3, 5],
    size: 1,
    labels: ['process'],
  },
];

async function seedProduct(
  services: Services,
  owner: Actor,
  team: Actor,
  product: BacklogDemoContext['products']['vip'],
  items: DemoItem[],
): Promise<string[]> {
  const po: ProductContext = { actor: owner, productId: product.id, role: 'owner' };
  const dev: ProductContext = { actor: team, productId: product.id, role: 'team' };
  const ids: string[] = [];
  for (const d of items) {
    const created = await services.items.create(po, {
      type: d.type,
      title: d.title,
      problem: d.problem ?? '',
      description: d.description ?? '',
      acceptanceCriteria: d.ac ?? [],
      segmentIds: (d.segments ?? []).map((s) => product.segments[s]).filter((x): x is string => !!x),
      labels: d.labels ?? [],
      releaseCritical: d.releaseCritical ?? false,
      businessValue: d.value?.[0] ?? null,
      timeCriticality: d.value?.[1] ?? null,
      riskReduction: d.value?.[2] ?? null,
    });
    let item = created;
    // The team estimates (seed 003): sizes are set by a team member, never by the PO.
    if (d.size != null) item = await services.items.update(dev, item.id, item.version, { size: d.size });
    if (d.status) item = await services.items.update(po, item.id, item.version, { status: 'ready' });
    if (d.status === 'in_progress' || d.status === 'done')
      item = await services.items.update(dev, item.id, item.version, {
        status: 'in_progress',
        assigneeId: team.userId,
      });
    if (d.status === 'done') await services.items.update(dev, item.id, item.version, { status: 'done' });
    ids.push(item.id);
  }
  return ids;
}

/** Fills the demo products with backlogs drawn from the seed stories. */
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
      { definitionOfReady: ['negotiable', 'valuable', 'estimable', 'small', 'testable'] },
    );
  }
  await seedProduct(services, users.paul, users.tara, products.vip, VIP);
  const league = await seedProduct(services, users.paul, users.theo, products.league, LEAGUE);
  const notif = await seedProduct(services, users.nora, users.tara, products.notif, NOTIF);

  const leagueTeam: ProductContext = { actor: users.theo, productId: products.league.id, role: 'team' };
  // The import spike blocks the import story, so INVEST flags it (Independent, Estimable).
  await services.items.link(leagueTeam, league[2]!, 'blocks', league[3]!);
  await services.items.link(leagueTeam, league[0]!, 'relates', league[1]!);
  await services.items.comment(
    leagueTeam,
    league[0]!,
    'Sorting by sponsor is much more expensive than filtering; @Paul Durand are we OK to release with filtering only?',
  );
  await services.items.comment(
    { actor: users.paul, productId: products.league.id, role: 'owner' },
    league[0]!,
    'Yes: release with filtering, evaluate sorting if admins ask for it. Thanks @Theo Okafor.',
  );
  const notifTeam: ProductContext = { actor: users.tara, productId: products.notif.id, role: 'team' };
  await services.items.link(notifTeam, notif[1]!, 'relates', notif[0]!);
  await services.items.comment(
    notifTeam,
    notif[0]!,
    'Root cause found: retries after a gateway timeout re-send. Fix planned next sprint through the normal process, @Nora Lind.',
  );
}
