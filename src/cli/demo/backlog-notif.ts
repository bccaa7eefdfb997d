import type { DemoItem } from './backlog.ts';

/**
 * Seed 002: the notification service other teams integrate with. The first 23 items become the
 * closed sprints (the third one had a push-outage workaround pulled in and the digest email
 * dropped); the live backlog holds the duplicate-email defect, the fix agreed with the team, and the
 * workaround the PO pushed, taken on as explicit debt with its repayment item.
 */
export const NOTIF_BACKLOG: DemoItem[] = [
  // ── Sprint 1 ──
  {
    type: 'story',
    title: 'Send an email with one API call',
    problem: 'Each product team runs its own SMTP code; a provider change means six teams changing code.',
    value: [13, 8, 3],
    size: 5,
    seg: ['integrators'],
    labels: ['api', 'email'],
    ac: [
      'Given a team with an API key, when it posts a message to /send, then the recipient gets the email and the team gets a message id',
    ],
    status: 'ready',
  },
  {
    type: 'enabler',
    title: 'Email provider account with SPF and DKIM',
    problem: 'Without signed mail, a third of our notifications land in spam folders.',
    value: [5, 8, 8],
    size: 3,
    seg: ['recipients', 'integrators'],
    labels: ['email', 'deliverability'],
    ac: ['Given a message sent to a Gmail test inbox, when we inspect its headers, then SPF and DKIM pass'],
    status: 'ready',
  },
  {
    type: 'story',
    title: 'API keys per integrating team',
    problem:
      'A shared key means we cannot tell which team sent what, nor revoke one team without the others.',
    value: [8, 5, 5],
    size: 3,
    seg: ['integrators'],
    labels: ['api', 'security'],
    ac: [
      'Given two teams with their own keys, when one key is revoked, then only that team’s calls are refused',
    ],
    status: 'ready',
  },
  {
    type: 'story',
    title: 'Email templates with variables',
    problem: 'Integrating teams build HTML emails in code and redeploy to fix a typo.',
    value: [8, 3, 2],
    size: 5,
    seg: ['integrators'],
    labels: ['templates'],
    ac: [
      'Given a template “Hello {{name}}”, when a team sends it with name = Ana, then the email reads “Hello Ana”',
    ],
    status: 'ready',
  },
  {
    type: 'story',
    title: 'Push notifications to the mobile app',
    problem: 'The mobile team wants alerts on the phone; today they can only send email through us.',
    value: [8, 5, 3],
    size: 8,
    seg: ['integrators', 'recipients'],
    labels: ['push'],
    ac: [
      'Given a recipient with the app installed, when a team sends a push message, then it shows on the phone within 10 seconds',
    ],
    comments: ['tess: Carried over: iOS works, Android token refresh still loses messages.'],
  },
  // ── Sprint 2 ──
  {
    type: 'story',
    title: 'Integration guide with a first-message tutorial',
    problem: 'New integrating teams take two weeks and three meetings with us to send their first message.',
    value: [5, 3, 5],
    size: 3,
    seg: ['integrators'],
    labels: ['docs'],
    ac: [
      'Given a developer new to the service, when they follow the guide, then they send a test message in under 30 minutes',
    ],
    status: 'ready',
  },
  {
    type: 'story',
    title: 'Delivery status by message id',
    problem: 'Support cannot tell a recipient whether their email was sent, bounced or never requested.',
    value: [8, 3, 3],
    size: 3,
    seg: ['integrators'],
    labels: ['api', 'delivery-status'],
    ac: [
      'Given a message delivered yesterday, when a team asks for its status, then it reads “delivered” with the time',
      'Given an unknown message id, when a team asks for its status, then it gets a 404 with an empty history, not an error page',
    ],
    status: 'ready',
  },
  {
    type: 'enabler',
    title: 'Rate limits per integrating team',
    problem: 'One team’s bulk campaign delayed password-reset emails for everyone else by 40 minutes.',
    value: [3, 5, 8],
    size: 3,
    seg: ['integrators'],
    labels: ['api', 'reliability'],
    ac: [
      'Given a team above its limit, when it sends another message, then it gets 429 with Retry-After and others are not slowed',
    ],
    status: 'ready',
  },
  {
    type: 'defect',
    title: 'Accented names render as “?” in templates',
    problem:
      'Recipients named Zoë or José get “Dear Zo?”; two integrating teams raised it with their customers watching.',
    value: [8, 5, 2],
    size: 2,
    seg: ['recipients'],
    labels: ['templates'],
    ac: [
      'Given a recipient named “Zoë”, when a template greets them by name, then the email reads “Dear Zoë”',
    ],
  },
  {
    type: 'story',
    title: 'Preview a template with sample data',
    problem: 'Teams find template mistakes only after real customers receive them.',
    value: [5, 2, 2],
    size: 5,
    seg: ['integrators'],
    labels: ['templates'],
    ac: [
      'Given a template and a sample payload, when I press Preview, then I see the rendered email and any missing variables',
    ],
  },
  {
    type: 'story',
    title: 'Recipients unsubscribe per notification type',
    problem:
      'Recipients unsubscribe from everything because they cannot choose, and then miss security alerts.',
    value: [8, 5, 3],
    size: 5,
    seg: ['recipients'],
    labels: ['preferences', 'compliance'],
    ac: [
      'Given a recipient getting newsletters and alerts, when they unsubscribe from newsletters, then they still get alerts',
    ],
    rc: true,
  },
  // ── Sprint 3 (the digest was dropped for the push-outage workaround) ──
  {
    type: 'story',
    title: 'Daily digest email for recipients',
    problem: 'Recipients of busy products get 20 separate emails a day and start ignoring all of them.',
    value: [5, 2, 1],
    size: 5,
    seg: ['recipients'],
    labels: ['email'],
    ac: [
      'Given a recipient opted into the digest, when they get 12 notifications in a day, then they receive one email at 8:00 listing them',
    ],
    status: 'ready',
  },
  {
    type: 'story',
    title: 'Localised templates (English, French, German)',
    problem: 'Teams copy each template three times, and the translations drift apart.',
    value: [5, 3, 2],
    size: 5,
    seg: ['integrators', 'recipients'],
    labels: ['templates'],
    ac: [
      'Given a recipient whose language is French, when a team sends a localised template, then the French version is sent',
    ],
    status: 'ready',
  },
  {
    type: 'enabler',
    title: 'Send logs with correlation ids',
    problem: 'When a team asks “what happened to my message?”, we grep three services’ logs for an hour.',
    value: [3, 3, 8],
    size: 3,
    seg: ['integrators'],
    labels: ['observability'],
    ac: [
      'Given a message id, when on-call searches the logs, then every step of that message shows under one correlation id',
    ],
  },
  {
    type: 'defect',
    title: 'Bounces are not recorded',
    problem: 'We keep emailing dead addresses, which hurts our sender reputation for every team.',
    value: [5, 5, 5],
    size: 3,
    seg: ['integrators', 'recipients'],
    labels: ['email', 'deliverability'],
    ac: [
      'Given an address that hard-bounces, when the provider reports it, then the address is suppressed and the team is told',
    ],
  },
  {
    type: 'story',
    title: 'Sandbox mode that never emails real people',
    problem: 'Integrating teams test against production and have emailed real customers from test data.',
    value: [5, 3, 5],
    size: 3,
    seg: ['integrators'],
    labels: ['api'],
    ac: [
      'Given a sandbox API key, when a team sends to a real address, then the message is captured and nothing leaves the service',
    ],
  },
  {
    type: 'defect',
    title: 'Push alerts silently dropped while the push provider is down',
    problem:
      'During a provider outage the on-call team’s alerts vanished without an error; nobody was paged.',
    description:
      'Queue-and-retry workaround pulled into the sprint mid-way, with the PO’s agreement; the digest email was dropped to make room. The lasting fix is the outbox below.',
    value: [13, 20, 8],
    size: 3,
    seg: ['recipients', 'integrators'],
    labels: ['push', 'incident'],
    ac: [
      'Given the push provider returns 503, when an alert is sent, then it is queued and delivered when the provider is back',
    ],
    rc: true,
  },
  // ── Sprint 4 ──
  {
    ref: 'webhooks',
    type: 'story',
    title: 'Delivery status webhooks',
    problem:
      'Integrating teams poll the status endpoint every few seconds and make up a third of our API load.',
    value: [8, 3, 5],
    size: 5,
    seg: ['integrators'],
    labels: ['api', 'delivery-status'],
    ac: [
      'Given a team with a webhook URL, when one of its messages is delivered, then the webhook receives “delivered” with the message id',
    ],
    status: 'ready',
  },
  {
    type: 'story',
    title: 'SMS for urgent alerts',
    problem: 'On-call engineers miss urgent alerts at night; email and push are not enough.',
    value: [5, 3, 2],
    size: 8,
    seg: ['integrators', 'recipients'],
    labels: ['sms'],
    ac: ['Given an alert marked urgent, when it is sent, then the recipient also gets an SMS'],
    status: 'ready',
  },
  {
    ref: 'retries',
    type: 'enabler',
    title: 'Retry with backoff on provider errors',
    problem: 'A provider hiccup loses messages for good; teams must notice and resend by hand.',
    value: [5, 5, 8],
    size: 3,
    seg: ['integrators'],
    labels: ['reliability'],
    ac: [
      'Given the provider times out, when we retry, then we wait 1 s, 4 s, 16 s and give up after the fourth try with a failed status',
    ],
    status: 'ready',
  },
  {
    type: 'story',
    title: 'Template versions with rollback',
    problem:
      'A broken template edit went to 40,000 recipients; nobody could restore the previous wording quickly.',
    value: [5, 3, 5],
    size: 5,
    seg: ['integrators'],
    labels: ['templates'],
    ac: [
      'Given a template with three versions, when I roll back to version 2, then new messages use version 2',
    ],
  },
  {
    ref: 'outbox',
    type: 'debt',
    title: 'Replace the push queue workaround with a transactional outbox',
    problem:
      'The outage workaround queues in memory on the API node; a restart during an outage still loses alerts.',
    value: [3, 5, 13],
    size: 8,
    seg: ['integrators'],
    labels: ['tech-debt', 'reliability'],
  },
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
