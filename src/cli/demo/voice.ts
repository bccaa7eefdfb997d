import type { ProductContext } from '#app/products.ts';
import type { Wiring } from '#capabilities/index.ts';
import type { DemoContext } from './core.ts';

/**
 * Customer voice in VIP Meetings (seed 000): 200 VIP members and a few Secretariat people as
 * stakeholders; the last sprint's review with them, where the VIPs found the Secretariat-heavy
 * increments "light but interesting"; requests from VIPs (planned, one declined with its reason);
 * an open vote where the VIPs choose differently from the PO's order; and a benefit hypothesis that
 * the feedback contradicts. Everything goes through the use cases, so the events are the real ones.
 */

const FIRST = [
  'Amara',
  'Bruno',
  'Chiara',
  'Dmitri',
  'Elena',
  'Farid',
  'Greta',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemi',
  'Luca',
  'Maya',
  'Nils',
  'Olga',
  'Pedro',
  'Quinn',
  'Rosa',
  'Sven',
  'Tamar',
];
const LAST = ['Alvarez', 'Berg', 'Chen', 'Dubois', 'Eriksen', 'Fischer', 'Gallo', 'Haddad', 'Ito', 'Jansen'];
const SECRETARIAT = [
  'Sophie Marchand',
  'Henrik Dahl',
  'Lucia Ferri',
  'Omar Bekri',
  'Ingrid Holm',
  'Yann Le Goff',
];

/** The VIP (by position in the list) whose personal sign-in link is printed at start. */
const LINKED = 3;

/** Deterministic pseudo-random numbers: the same demo on every machine. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SECRETARIAT_COMMENTS = [
  'Light but interesting.',
  'Light but interesting; useful for the Secretariat more than for us.',
  'Fine, but it does not change my meetings.',
  'Interesting. When do we get something for the members?',
];
/** The Secretariat's happy words (as many as the VIPs', so the same random draws pick them). */
const SECRETARIAT_HAPPY = [
  'Saves us a day before every meeting.',
  'Exactly what we asked for.',
  'Good, the members will notice.',
];

/** What a delivered increment changes for the customers, in their words (the review's line). */
const WHAT_CHANGED: Record<string, string> = {
  'Profile photo and short biography':
    'Your profile now shows your photo and a few lines about you, so the others recognise you before the meeting.',
  'Move or cancel a meeting and notify every invitee':
    'When a meeting moves or is cancelled, you get a message straight away instead of finding an empty room.',
  'Merge duplicate VIP profiles':
    'The Secretariat merged duplicate profiles: you appear once in the guest lists, under your own name.',
};

const VIP_COMMENTS = [
  'This is what I needed before the meeting.',
  'Finally on my phone.',
  'Good, keep going.',
];

export interface VoiceDemoResult {
  /** A VIP's personal sign-in link (single use): its path under the server's address. */
  vipLink: { name: string; email: string; path: string };
}

export async function seedVoiceDemo(tandem: Wiring, demo: DemoContext): Promise<VoiceDemoResult> {
  const { services, store } = tandem;
  const { users, products } = demo;
  const vip = products.vip;
  const po: ProductContext = { actor: users.paul, productId: vip.id, role: 'owner' };

  // 1. Who the customers are: 200 VIP members and six Secretariat people, from one pasted list.
  const lines = ['name,email,segment'];
  for (let i = 0; i < 200; i += 1) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    lines.push(`${first} ${last},${first.toLowerCase()}.${last.toLowerCase()}.${i + 1}@vip.demo,VIP members`);
  }
  for (const name of SECRETARIAT)
    lines.push(`${name},${name.toLowerCase().replace(/ /g, '.')}@secretariat.demo,Secretariat`);
  await services.stakeholders.importStakeholders(po, lines.join('\n'));
  await services.products.updateMember(po, users.sam.userId, { segmentIds: [vip.segments.vip!] });
  const members = await store.read.members.list(vip.id);
  const segmentOf = new Map<string, 'vip' | 'secretariat'>();
  for (const m of members) {
    if (m.role !== 'stakeholder') continue;
    segmentOf.set(m.userId, m.email?.endsWith('@secretariat.demo') ? 'secretariat' : 'vip');
  }
  const vips = members.filter((m) => segmentOf.get(m.userId) === 'vip');
  const secretariat = members.filter((m) => segmentOf.get(m.userId) === 'secretariat');
  const as = (userId: string): ProductContext => ({
    actor: {
      userId,
      name: members.find((m) => m.userId === userId)?.name ?? 'Stakeholder',
      email: '',
      workspaceRole: 'member',
    },
    productId: vip.id,
    role: 'stakeholder',
  });
  const random = rng(2026);

  // 2. The review with customers of the last closed sprint, answered and closed.
  const sprints = (await store.read.sprints.list(vip.id)).filter((s) => s.state === 'closed');
  const last = sprints.sort((a, b) => (a.endDate < b.endDate ? 1 : -1))[0];
  const items = await store.read.items.all(vip.id);
  const byId = new Map(items.map((i) => [i.id, i]));
  const forSecretariat = (id: string) => {
    const s = byId.get(id)?.segmentIds ?? [];
    return s.includes(vip.segments.secretariat!) && !s.includes(vip.segments.vip!);
  };
  let contradicted: string | undefined;
  // The sprint before had its review too, answered by fewer and less happily: the trend has a past.
  const before = sprints[1];
  if (before) {
    const done = (await store.read.sprints.items(before.id)).filter((i) => i.review === 'accepted');
    if (done.length > 0) {
      const earlier = await services.reviews.open(po, before.id, {
        closesAt: null,
        increments: done.map((i) => ({ itemId: i.itemId, whatChanged: '' })),
      });
      await services.reviews.invite(
        po,
        earlier.id,
        { segmentIds: [vip.segments.vip!, vip.segments.secretariat!] },
        'http://localhost',
      );
      const draw = rng(2025); // its own draws: the last review's answers stay as they were
      for (const person of [...vips.slice(60, 120), ...secretariat]) {
        const isVip = segmentOf.get(person.userId) === 'vip';
        for (const inc of done) {
          const r = draw();
          const mood = isVip
            ? r < 0.35
              ? 'happy'
              : r < 0.75
                ? 'neutral'
                : 'sad'
            : r < 0.7
              ? 'happy'
              : 'neutral';
          await services.reviews.answerAsMember(as(person.userId), earlier.id, inc.itemId, {
            mood,
            rating: mood === 'happy' ? 4 : mood === 'neutral' ? 3 : 2,
            comment: null,
          });
        }
      }
      await services.reviews.close(po, earlier.id);
    }
  }
  if (last) {
    const accepted = (await store.read.sprints.items(last.id)).filter((i) => i.review === 'accepted');
    const review = await services.reviews.open(po, last.id, {
      closesAt: null,
      increments: accepted.map((i) => ({
        itemId: i.itemId,
        whatChanged:
          WHAT_CHANGED[i.title] ??
          (forSecretariat(i.itemId)
            ? `The Secretariat now does this in Tandem: ${i.title.charAt(0).toLowerCase()}${i.title.slice(1)}.`
            : `New for you: ${i.title.charAt(0).toLowerCase()}${i.title.slice(1)}.`),
      })),
    });
    // Invited as a PO would: every stakeholder of both segments gets a personal link.
    await services.reviews.invite(
      po,
      review.id,
      { segmentIds: [vip.segments.vip!, vip.segments.secretariat!] },
      'http://localhost',
    );
    for (const person of [...vips.slice(0, 140), ...secretariat]) {
      const isVip = segmentOf.get(person.userId) === 'vip';
      for (const inc of accepted) {
        const r = random();
        const secretariatWork = forSecretariat(inc.itemId);
        const mood = secretariatWork
          ? isVip
            ? r < 0.7
              ? 'neutral'
              : r < 0.85
                ? 'sad'
                : 'happy'
            : r < 0.8
              ? 'happy'
              : 'neutral'
          : r < 0.65
            ? 'happy'
            : r < 0.9
              ? 'neutral'
              : 'sad';
        const comment =
          random() < 0.12
            ? secretariatWork && isVip
              ? SECRETARIAT_COMMENTS[Math.floor(random() * SECRETARIAT_COMMENTS.length)]!
              : mood === 'happy'
                ? (isVip ? VIP_COMMENTS : SECRETARIAT_HAPPY)[Math.floor(random() * VIP_COMMENTS.length)]!
                : null
            : null;
        const rating =
          random() < 0.6 ? (mood === 'happy' ? 4 + Math.round(random()) : mood === 'neutral' ? 3 : 2) : null;
        await services.reviews.answerAsMember(as(person.userId), review.id, inc.itemId, {
          mood,
          rating,
          comment,
        });
      }
    }
    await services.reviews.close(po, review.id);
    // The PO had hoped the Secretariat's agenda work would please the members too; it did not.
    const target = accepted.find((i) => forSecretariat(i.itemId)) ?? accepted[0];
    if (target) {
      const item = byId.get(target.itemId);
      if (item) {
        await services.hypotheses.set(po, item.id, item.version, {
          belief: 'letting the Secretariat prepare meetings in Tandem',
          outcome: 'a yearly meeting that feels better organised to the VIP members',
          signal: 'most VIP members answer happy to it at the sprint review',
        });
        contradicted = item.id;
      }
    }
  }
  if (contradicted) {
    const h = await services.hypotheses.get(po, contradicted);
    if (h.suggestion.status === 'contradicted')
      await services.hypotheses.judge(po, contradicted, 'contradicted', null);
  }

  // 3. Requests from VIPs: what is hard for them, and why; some triaged, one declined.
  const open = items
    .filter((i) => !['done', 'accepted', 'rejected'].includes(i.status))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1));
  const vipOpen = open.filter((i) => i.segmentIds.includes(vip.segments.vip!));
  const ask = async (who: number, title: string, problem: string, supporters: number) => {
    const created = await services.requests.create(as(vips[who]!.userId), { title, problem });
    if (supporters === 0) return created;
    // Published by the PO, so every stakeholder sees it and can add their +1.
    const q = await services.requests.update(po, created.id, created.version, { published: true });
    for (let k = 1; k <= supporters; k += 1)
      await services.requests.support(as(vips[(who + k * 7) % vips.length]!.userId), q.id);
    return q;
  };
  const guests = await ask(
    0,
    'See who else comes to the meeting',
    'I fly in for two days and want to plan whom to meet; today I learn who came when I see them.',
    14,
  );
  if (vipOpen[0]) await services.requests.triage(po, guests.id, { action: 'link', itemId: vipOpen[0].id });
  const hotel = await ask(
    3,
    'Book my hotel from the meeting page',
    'I get the hotel list by email and book by phone; I never know which hotel the others chose.',
    9,
  );
  await services.requests.triage(po, hotel.id, {
    action: 'create',
    item: {
      type: 'story',
      title: 'Book a partner hotel from the meeting page',
      problem: 'VIP members book hotels by phone from an emailed list and cannot see where the others stay.',
      segmentIds: [vip.segments.vip!],
    },
  });
  const badge = await ask(5, 'Print my badge at home', 'The badge queue at the door takes half an hour.', 6);
  await services.requests.triage(po, badge.id, {
    action: 'decline',
    reason:
      'The venue’s security desk must print and hand out badges; instead the next release adds a fast lane for members who checked in online.',
  });
  const agenda = await ask(
    8,
    'The agenda on my phone, also offline',
    'Meeting rooms have no signal; I carry a printout.',
    11,
  );
  await services.requests.update(po, agenda.id, agenda.version, { published: true });
  await ask(
    12,
    'Message other members before the meeting',
    'I only have their business cards from last year.',
    4,
  );

  // 4. The vote on the next release: the VIPs choose differently from the PO's order.
  const release = await services.releases.create(po, { name: 'Spring meeting', targetDate: null });
  // Candidates the customers can judge: work for a segment, not the team's own chores.
  const candidates = open
    .filter((i) => i.segmentIds.length > 0 && ['story', 'defect'].includes(i.type))
    .slice(0, 6);
  if (candidates.length >= 3) {
    const closesAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
    await services.releases.openVote(po, release.id, {
      budget: 10,
      itemIds: candidates.map((c) => c.id),
      closesAt,
    });
    // The PO's top items are the Secretariat's; the VIPs put their points on their own, lower down.
    const favourites = [...candidates].sort((a, b) => {
      const va = a.segmentIds.includes(vip.segments.vip!) ? 0 : 1;
      const vb = b.segmentIds.includes(vip.segments.vip!) ? 0 : 1;
      return va - vb || (a.rank < b.rank ? 1 : -1);
    });
    // The VIP whose link is printed (vips[3]) has not voted yet: the vote waits for them.
    const voters = vips.filter((_, k) => k !== LINKED).slice(0, 90);
    for (const [n, person] of voters.entries()) {
      const first = favourites[n % 2 === 0 ? 0 : 1]!;
      const second = favourites[2 + (n % 2)]!;
      await services.releases.vote(as(person.userId), release.id, [
        { itemId: first.id, points: 6 },
        { itemId: second.id, points: 4 },
      ]);
    }
    for (const person of secretariat)
      await services.releases.vote(as(person.userId), release.id, [
        { itemId: candidates[0]!.id, points: 10 },
      ]);
  }

  // 5. What comes next, published for the customers: the VIPs' top open work, two of it planned for
  // the Spring meeting release (the portal's "Coming next").
  const now = (await store.read.items.all(vip.id))
    .filter((i) => !['done', 'accepted', 'rejected'].includes(i.status))
    .filter((i) => i.segmentIds.includes(vip.segments.vip!) && ['story', 'defect'].includes(i.type))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1))
    .slice(0, 4);
  for (const [k, item] of now.entries())
    await services.items.update(po, item.id, item.version, {
      published: true,
      ...(k < 2 ? { releaseId: release.id } : {}),
    });

  // 6. A VIP's personal link, as the PO would hand it out.
  // One who asked for something (the hotel, now planned) and has a vote waiting.
  const vipPerson = vips[LINKED]!;
  const link = await services.stakeholders.createSignInLink(po, vipPerson.userId);
  return { vipLink: { name: vipPerson.name, email: vipPerson.email ?? '', path: `/link/${link.token}` } };
}
