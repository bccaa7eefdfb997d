import type { DemoItem } from './backlog.ts';

/** The first items of the NOTIF demo backlog, in order (continued in backlog-notif.ts). */
export const NOTIF_EARLY: DemoItem[] = [
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
];
