/**
 * Working agreements to start from, in the words teams use (seeds 001, 002, 003). Offered when an
 * agreement is created; the team edits them into its own before proposing.
 */
export interface AgreementTemplate {
  key: 'urgent-bugs' | 'backlog-changes' | 'sprint-protection';
  title: string;
  summary: string;
  body: string;
}

const URGENT_BUGS = `## Who this is for

Everyone on the product: the Product Owner, the team and the tech lead. It covers bugs that hurt customers now (severity S1 and S2). New features keep their usual pace.

## Who decides the fix

The Product Owner explains the problem and how much it hurts customers. The engineers find the root cause, propose the fix and estimate it. The Product Owner then updates the timeline with the customers. What we agree in that conversation is the plan.

## What needs the tech lead's approval

Any change to how our systems talk to each other (the integration flow, the sending mechanism, a queue or API we do not normally use) needs the tech lead's approval before anyone starts. A request to change the plan goes to the whole team, not to one engineer.

## Workarounds

A workaround is allowed when customers are hurt and the proper fix is far away. It is debt, and we say so: it gets a repayment item (switch back to the agreed fix, then clean up what the workaround left) with a sprint or a date, before the workaround ships. We do not call a bug fixed while it runs on a workaround.

## Severity and response times

| Severity | Example | First response | Resolution |
| --- | --- | --- | --- |
| S1 critical | Customers cannot use the product | 1 hour, any time | 1 day |
| S2 major | Wrong results for some customers (duplicate emails) | 4 working hours | 5 working days |
| S3 minor | A workaround exists for customers | 2 working days | next sprint |
| S4 low | Cosmetic | next refinement | when planned |

## When we disagree

We talk before acting. If we still disagree, we ask the Scrum Master to help us decide, and write the outcome down here.`;

const BACKLOG_CHANGES = `## The backlog is the Product Owner's

The Product Owner owns the backlog and decides the order. Anyone may suggest changes; nobody is surprised by them.

## Adding items

Anyone on the team may add an item. It needs enough detail to discuss: the problem it solves and who has it. Tell the Product Owner the same day, in the item or in chat.

## Moving items up

Moving an item above others is the Product Owner's call. A developer who wants an item sooner makes the case in business terms: why this item, why now. A thirty-second explanation is enough.

## Technical debt

Debt items follow the same rule. Say what the debt costs us each week and when the fix pays for itself ("12–16 hours to fix, saves 4 hours a week: we break even in 3–4 weeks").

## Requirements that arrive late

A major requirement after work has started gets a conversation first (would we delay the release for it?) and a place on the retrospective agenda.`;

const SPRINT_PROTECTION = `## The sprint is closed to change

Once planning is done, the sprint's scope changes only if the team agrees. Stopping a sprint early is the Product Owner's call and should be rare.

## The team pulls the work

The team decides how much it takes into a sprint. Nobody pushes the team to commit to more.

## The team estimates

Only the team estimates size, in planning or refinement. Nobody else gives estimates "just for reference".

## The team decides how

The Product Owner says what and why; the team decides how, and tracks its own progress during the sprint.

## The Product Owner stays close

The Product Owner is available during the sprint to clarify requirements, can say why an item matters, and shares what customers said about what we delivered — the bad news as well as the good.

## The team keeps its word

Done means done: no partially done work, no hidden undone work, quality we are proud of. When we cannot deliver what we committed to, we say so as soon as we know.`;

export const AGREEMENT_TEMPLATES: readonly AgreementTemplate[] = [
  {
    key: 'urgent-bugs',
    title: 'How we handle urgent bugs',
    summary: 'Who decides the fix, what needs the tech lead’s approval, severity and response times',
    body: URGENT_BUGS,
  },
  {
    key: 'backlog-changes',
    title: 'How the backlog is changed',
    summary: 'Who may add and move items, and the heads-up we expect',
    body: BACKLOG_CHANGES,
  },
  {
    key: 'sprint-protection',
    title: 'What protects the sprint',
    summary: 'The rules that keep trust between the Product Owner and the team',
    body: SPRINT_PROTECTION,
  },
];

export const TEMPLATE_KEYS = AGREEMENT_TEMPLATES.map((t) => t.key) as [
  AgreementTemplate['key'],
  ...AgreementTemplate['key'][],
];

export const templateFor = (key: string) => AGREEMENT_TEMPLATES.find((t) => t.key === key) ?? null;
