import type { Actor } from '#app/actor.ts';
import { recordEvent } from '#app/events.ts';
import { hashPassword } from '#app/secrets.ts';
import type { Wiring } from '#capabilities/index.ts';
import type { ProductRole } from '#domain/roles.ts';

export const DEMO_PASSWORD = 'tandem-demo';

type PersonKey = 'admin' | 'paul' | 'nora' | 'tara' | 'theo' | 'tess' | 'fiona' | 'sam' | 'vera';
const PEOPLE: Record<PersonKey, { name: string; email: string; admin?: boolean; label: string }> = {
  admin: { name: 'Ada Admin', email: 'admin@tandem.demo', admin: true, label: 'workspace admin' },
  paul: {
    name: 'Paul Durand',
    email: 'paul@tandem.demo',
    label: 'Product Owner (VIP Meetings, League Platform)',
  },
  nora: { name: 'Nora Lind', email: 'nora@tandem.demo', label: 'Product Owner (Notification Service)' },
  tara: { name: 'Tara Nakamura', email: 'tara@tandem.demo', label: 'team member (tech lead)' },
  theo: { name: 'Theo Okafor', email: 'theo@tandem.demo', label: 'team member' },
  tess: { name: 'Tess Moreau', email: 'tess@tandem.demo', label: 'team member (QA)' },
  fiona: { name: 'Fiona Walsh', email: 'fiona@tandem.demo', label: 'facilitator (Scrum Master)' },
  sam: { name: 'Sam Achebe', email: 'sam@tandem.demo', label: 'stakeholder (a VIP member)' },
  vera: { name: 'Vera Costa', email: 'vera@tandem.demo', label: 'viewer' },
};

export interface DemoProduct {
  id: string;
  key: string;
  segments: Record<string, string>;
}

/** What later demo builders (backlog, sprints) receive. */
export interface DemoContext {
  users: Record<PersonKey, Actor>;
  products: { vip: DemoProduct; league: DemoProduct; notif: DemoProduct };
}

const PRODUCTS = {
  vip: {
    name: 'VIP Meetings',
    key: 'VIP',
    owner: 'paul',
    description:
      'Social and meeting network for the 200 VIP members and the Secretariat that organises their yearly meetings.',
    segments: [
      {
        key: 'secretariat',
        name: 'Secretariat',
        description: 'The internal team that creates meetings and manages VIP profiles.',
        targetShare: 30,
      },
      {
        key: 'vip',
        name: 'VIP members',
        description: 'The 200 VIP people who meet and network: the end users.',
        targetShare: 70,
      },
    ],
  },
  league: {
    name: 'League Platform',
    key: 'LEAGUE',
    owner: 'paul',
    description:
      'Midwest Sports: adult recreational leagues, 2,500 teams in 4 cities, growing to 15 cities in 5 years.',
    segments: [
      {
        key: 'admins',
        name: 'League admins',
        description: 'Admins who run the leagues of their own city.',
        targetShare: 50,
      },
      {
        key: 'captains',
        name: 'Team captains',
        description: 'Captains who register teams and follow schedules.',
        targetShare: 35,
      },
      {
        key: 'sponsors',
        name: 'Sponsors',
        description: 'Local businesses sponsoring teams.',
        targetShare: 15,
      },
    ],
  },
  notif: {
    name: 'Notification Service',
    key: 'NOTIF',
    owner: 'nora',
    description: 'The notification system other teams integrate with to send email and push messages.',
    segments: [
      {
        key: 'integrators',
        name: 'Integrating teams',
        description: 'Product teams that send notifications through the service.',
        targetShare: 60,
      },
      {
        key: 'recipients',
        name: 'Recipients',
        description: 'People who receive the emails.',
        targetShare: 40,
      },
    ],
  },
} as const;

const ROLES_BY_PRODUCT: Record<keyof typeof PRODUCTS, Partial<Record<PersonKey, ProductRole>>> = {
  vip: {
    paul: 'owner',
    tara: 'team',
    theo: 'team',
    tess: 'team',
    fiona: 'facilitator',
    sam: 'stakeholder',
    vera: 'viewer',
  },
  league: { paul: 'owner', tara: 'team', theo: 'team', tess: 'team', fiona: 'facilitator', vera: 'viewer' },
  notif: { nora: 'owner', tara: 'team', theo: 'team', tess: 'team', fiona: 'facilitator', vera: 'viewer' },
};

export async function seedCore({
  services,
  store,
}: Wiring): Promise<{ ctx: DemoContext; people: Array<{ email: string; role: string }> }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = {} as Record<PersonKey, Actor>;
  await store.transaction(async (r) => {
    await r.workspace.rename('Demo workspace');
    for (const [key, p] of Object.entries(PEOPLE) as Array<[PersonKey, (typeof PEOPLE)[PersonKey]]>) {
      const u = await r.users.insert({
        email: p.email,
        name: p.name,
        passwordHash,
        workspaceRole: p.admin ? 'admin' : 'member',
      });
      await recordEvent(r, {
        productId: null,
        actorId: u.id,
        entityType: 'user',
        entityId: u.id,
        type: 'user.created',
        after: { email: u.email, name: u.name },
      });
      users[key] = { userId: u.id, name: u.name, email: u.email, workspaceRole: u.workspaceRole };
    }
  });
  const products = {} as DemoContext['products'];
  for (const [pk, def] of Object.entries(PRODUCTS) as Array<
    [keyof typeof PRODUCTS, (typeof PRODUCTS)[keyof typeof PRODUCTS]]
  >) {
    const owner = users[def.owner];
    const product = await services.products.create(owner, {
      name: def.name,
      key: def.key,
      description: def.description,
    });
    const ctx = { actor: owner, productId: product.id, role: 'owner' as const };
    for (const [person, role] of Object.entries(ROLES_BY_PRODUCT[pk]) as Array<[PersonKey, ProductRole]>) {
      if (person !== def.owner) await services.products.setMember(ctx, users[person].userId, role, 'add');
    }
    const segments: Record<string, string> = {};
    for (const s of def.segments) {
      segments[s.key] = (
        await services.products.createSegment(ctx, {
          name: s.name,
          description: s.description,
          targetShare: s.targetShare,
        })
      ).id;
    }
    products[pk] = { id: product.id, key: product.key, segments };
  }
  return {
    ctx: { users, products },
    people: Object.values(PEOPLE).map((p) => ({ email: p.email, role: p.label })),
  };
}
