import { agreementUseCases } from '#app/agreements/agreements.ts';
import type { ProductContext } from '#app/products.ts';
import type { Wiring } from '#capabilities/index.ts';
import { templateFor } from '#domain/agreements/templates.ts';
import type { ProductRole } from '#domain/roles.ts';
import type { DemoContext } from './core.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Written the day after the duplicate-email affair (seed 002), "effective immediately". */
const FIRST = `## Why we wrote this

Last sprint we agreed with Nora to fix the duplicate emails at the root, in sprint 12. Two days later the sending mechanism was changed to the push queue without the tech lead knowing. Nobody meant harm; we had simply never written down who decides what. This is what we agree now.

## Who decides the fix

Nora explains the problem and how much it hurts our integrating teams. The engineers find the root cause, propose the fix and estimate it. Nora then updates the timeline with the customers. What we agree in that conversation is the plan.

## What needs the tech lead's approval

Any change to the integration flow or the sending mechanism (the push queue, a provider we do not normally use) needs Tara's approval before anyone starts. A request to change the plan goes to the whole team, not to one engineer.

## When we disagree

We talk before acting. If we still disagree, Fiona helps us decide, and we write the outcome down here.`;

/** One `## heading` section of a Markdown text, heading included. */
const section = (body: string, heading: string) =>
  `## ${heading}${body.split(`## ${heading}`)[1]!.split('\n## ')[0]!.trimEnd()}`;

/** The fuller version proposed a week later: severities, response times, workarounds as debt. */
const SECOND = `${FIRST}

## Workarounds

A workaround is allowed when customers are hurt and the proper fix is far away. It is debt, and we say so: before the workaround ships it gets a repayment item (switch back to the agreed fix, then clean up what the workaround left) with a sprint or a date. We do not call a bug fixed while it runs on a workaround.

${section(templateFor('urgent-bugs')!.body, 'Severity and response times')}`;

/**
 * Notification Service's urgent-bugs agreement (issue 13, seed 002): version 1, written by the
 * tech lead right after the affair, in effect for a week and acknowledged by four of the six
 * members (Tess and Vera have not yet); version 2 (the workaround rule, severities and response
 * times) proposed yesterday by Nora, in its comment period, with the team's first comments.
 */
export async function seedAgreementsDemo(tandem: Wiring, demo: DemoContext, today: Date): Promise<void> {
  const { store } = tandem;
  const { users, products } = demo;
  const productId = products.notif.id;
  let clock = new Date(today.getTime() - 7 * DAY);
  // The story's dates: the agreements' own rows take them from this clock, their events are retimed.
  const agreements = agreementUseCases(store, () => clock);
  const as = (who: keyof typeof users, role: ProductRole): ProductContext => ({
    actor: users[who],
    productId,
    role,
  });
  const tara = as('tara', 'team');
  const nora = as('nora', 'owner');

  const before = await store.read.events.lastId();
  const a = await agreements.create(tara, { title: 'How we handle urgent bugs', template: 'urgent-bugs' });
  await agreements.propose(tara, a.id, { body: FIRST, effectiveFrom: clock.toISOString() });
  const acks: Array<[keyof typeof users, ProductRole]> = [
    ['tara', 'team'],
    ['nora', 'owner'],
    ['theo', 'team'],
    ['fiona', 'facilitator'],
  ];
  for (const [who, role] of acks) {
    clock = new Date(clock.getTime() + 5 * HOUR);
    await agreements.acknowledge(as(who, role), a.id);
  }
  await store.transaction((r) =>
    r.events.retimeForSeed(before, new Date(today.getTime() - 7 * DAY), new Date(today.getTime() - 6 * DAY)),
  );

  const beforeProposal = await store.read.events.lastId();
  clock = new Date(today.getTime() - DAY);
  await agreements.propose(nora, a.id, {
    body: SECOND,
    commentUntil: new Date(today.getTime() + 2 * DAY + 8 * HOUR).toISOString(),
    effectiveFrom: new Date(today.getTime() + 4 * DAY).toISOString(),
  });
  const paragraphs = FIRST.split(/\n\n/).length;
  const comments: Array<[keyof typeof users, ProductRole, number, string]> = [
    [
      'tara',
      'team',
      paragraphs + 1,
      'Thank you for writing this, Nora. Can we add who creates the repayment item? I suggest whoever asks for the workaround, the same day.',
    ],
    [
      'theo',
      'team',
      paragraphs + 3,
      'S2 at 4 working hours is right for duplicates. Who is on call for S1 at night? Today nobody is.',
    ],
    [
      'fiona',
      'facilitator',
      5,
      "Let's say in writing that the approval is a comment on the item, so we can find it later.",
    ],
  ];
  for (const [who, role, paragraph, text] of comments) {
    clock = new Date(clock.getTime() + 2 * HOUR);
    await agreements.comment(as(who, role), a.id, 2, { paragraph, text });
  }
  await store.transaction((r) =>
    r.events.retimeForSeed(
      beforeProposal,
      new Date(today.getTime() - DAY),
      new Date(today.getTime() - 18 * HOUR),
    ),
  );
}
