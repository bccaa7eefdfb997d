import type { DemoItem } from './backlog.ts';
import { NOTIF_EARLY } from './backlog-notif-early.ts';

/**
 * Seed 002: the notification service other teams integrate with. The first 23 items become the
 * closed sprints (the third one had a push-outage workaround pulled in and the digest email
 * dropped); the live backlog holds the duplicate-email defect, the fix agreed with the team, and the
 * workaround the PO pushed, taken on as explicit debt with its repayment item.
 */
export const NOTIF_BACKLOG: DemoItem[] = [
  ...NOTIF_EARLY,
  {
    type: 'story',
    title: 'Quiet hours per recipient',
    problem: 'Recipients get marketing pushes at 3 a.m. and uninstall the app.',
    value: [3, 2, 2],
    size: 3,
    seg: ['recipients'],
    labels: ['preferences'],
    ac: [
      'Given a recipient with quiet hours 22:00–07:00, when a non-urgent push is sent at 23:00, then it is delivered at 07:00',
    ],
  },
  // ── Planned sprint: the duplicate emails ──
  {
    ref: 'dup',
    type: 'defect',
    title: 'Some notifications are sent as several identical emails',
    problem:
      'Recipients get the same email two or three times; integrating teams field the complaints. Fewer than 10 cases reported last week.',
    description:
      '**Root cause:** since {retries} shipped, a retry after a gateway timeout re-sends even when the provider already accepted the message.\n\n**Agreed fix** (PO, tech lead and engineers, Monday): send each message with its idempotency key to the provider, so a retry can never deliver twice. Planned for next sprint.',
    value: [13, 13, 5],
    size: 3,
    by: 'tara',
    seg: ['recipients', 'integrators'],
    labels: ['email', 'incident'],
    ac: [
      'Given a message accepted by the provider, when our retry fires after a gateway timeout, then exactly one email is delivered',
      'Given a message the provider never received, when our retry fires, then it is delivered once',
    ],
    rc: true,
    status: 'ready',
    links: [['relates', 'idempotency']],
    comments: [
      'tara: Root cause found: the retry from {retries} re-sends after a gateway timeout. Fix agreed with @Nora Lind and the team: idempotency key per message at the provider call, next sprint.',
      'tess: Reproduced with a 30 s delay on the gateway: 3 sends out of 50 were doubled.',
      'nora: Customers keep complaining to the integrating teams. I asked @theo to route emails through the direct SMTP path until the fix ships: {workaround}.',
      'tara: @Nora Lind that changes the integration flow for every team (no delivery status, no webhooks on that path), and it looks fixed when it is not. Next time let us decide such a change together; we agreed on the fix on Monday.',
      'nora: Fair. Let us keep the workaround as explicit debt, repaid by {repay} right after this fix. And I will come to you first next time, not straight to the engineers.',
    ],
  },
  {
    ref: 'idempotency',
    type: 'story',
    title: 'Idempotency keys on the send API',
    problem:
      'Integrating teams cannot retry a send safely after a timeout, which is how they create duplicates themselves.',
    value: [8, 5, 8],
    size: 5,
    by: 'tara',
    seg: ['integrators'],
    labels: ['api', 'reliability'],
    ac: [
      'Given a send with Idempotency-Key “abc”, when the team sends it again with “abc”, then it gets the first message id and nothing is sent twice',
      'Given the same key with a different body, when the team sends it, then it gets 422 naming the key',
    ],
    status: 'ready',
  },
  {
    ref: 'workaround',
    type: 'debt',
    title: 'Workaround: send emails through the direct SMTP path until the fix ships',
    problem:
      'Pushed by the PO to stop duplicates for customers this week; it bypasses the standard flow, so integrating teams lose delivery status and webhooks for those emails.',
    description:
      'Taken on **as debt, on purpose**. It hides the defect rather than fixing it, and behaviour will change again when the proper fix lands: integrating teams were told both dates. Repaid by the item linked below.',
    value: [3, 13, 3],
    size: 2,
    by: 'theo',
    seg: ['recipients', 'integrators'],
    labels: ['tech-debt', 'workaround', 'email'],
    ac: [
      'Given a message sent while the workaround is on, when it is delivered, then the sending team is told status is unavailable for it',
    ],
    status: 'in_progress',
    assignee: 'theo',
    links: [['relates', 'dup']],
  },
  {
    ref: 'repay',
    type: 'debt',
    title: 'Repay: remove the direct SMTP workaround, back to the standard flow',
    problem:
      'While the workaround is on, integrating teams get no delivery status or webhooks for emails, and two send paths must be kept working.',
    value: [5, 8, 8],
    size: 3,
    by: 'theo',
    seg: ['integrators'],
    labels: ['tech-debt', 'workaround'],
    ac: [
      'Given the idempotency fix is live, when we switch the workaround off, then every email again goes through the standard flow with status and webhooks',
    ],
    status: 'ready',
    links: [['relates', 'workaround']],
  },
  {
    type: 'story',
    title: 'Advance notice of integration flow changes',
    problem:
      'Integrating teams learn about changes to the send flow after their customers do, as with the SMTP workaround.',
    value: [3, 5, 5],
    size: 2,
    seg: ['integrators'],
    labels: ['docs', 'process'],
    ac: [
      'Given a change to the send flow is agreed, when it is scheduled, then every integrating team gets a changelog entry a week before',
    ],
    status: 'ready',
  },
  // ── The rest of the backlog ──
  {
    type: 'story',
    title: 'Integration guide: retries and idempotency',
    problem:
      'Teams write their own retry loops without keys and cause duplicates; the guide never says how to retry safely.',
    value: [5, 3, 5],
    seg: ['integrators'],
    labels: ['docs'],
    links: [['relates', 'idempotency']],
    comments: [
      'theo: Waiting for {idempotency} so the examples use the real header. @Tess Moreau can you review the examples when drafted?',
    ],
  },
  {
    type: 'spike',
    title: 'Spike: how many duplicates did each integrating team get?',
    problem:
      'We know of fewer than 10 reported cases, not how many recipients were affected without reporting it.',
    value: [2, 5, 8],
    size: 2,
    seg: ['integrators', 'recipients'],
    labels: ['incident', 'research'],
    ac: [
      'Given a month of send logs, when we count messages sent twice, then each integrating team gets its figure',
    ],
    links: [['relates', 'dup']],
  },
  {
    type: 'story',
    title: 'Signed webhook payloads',
    problem:
      'Integrating teams cannot tell our status webhooks from forged ones, so security blocks them from going live.',
    value: [5, 5, 8],
    seg: ['integrators'],
    labels: ['api', 'security', 'delivery-status'],
    links: [['relates', 'webhooks']],
  },
  {
    type: 'defect',
    title: 'Password-reset emails arrive twice',
    problem: 'Reported by the accounts team: their users receive two reset emails with different links.',
    value: [8, 8, 3],
    seg: ['recipients'],
    labels: ['email', 'incident'],
    status: 'rejected',
    links: [['duplicates', 'dup']],
    comments: ['nora: Same root cause as {dup}; closing as a duplicate and telling the accounts team.'],
  },
  {
    type: 'story',
    title: 'Preference centre for recipients across channels',
    problem: 'Recipients must manage email, push and SMS preferences in three places and give up.',
    value: [5, 2, 3],
    seg: ['recipients'],
    labels: ['preferences'],
  },
];
