/**
 * Mail rules, pure: which kinds of mail there are, how each person may take them, and which SMTP
 * failures are worth another attempt.
 */
export const MAIL_KINDS = [
  'review_invitation',
  'shipped',
  'request_status',
  'mention',
  'assigned',
  'sprint',
  'sla',
  'agreement',
  'decision',
  'webhook',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** What each kind is, in the settings page's words. */
export const MAIL_KIND_LABELS: Record<MailKind, string> = {
  review_invitation: 'Review invitations (with your personal link)',
  shipped: 'Something you asked for shipped',
  request_status: 'Your requests planned or declined',
  mention: '@mentions in comments',
  assigned: 'Items assigned to you',
  sprint: 'Sprints started and closed',
  sla: 'Defects whose SLA clock is running out or breached',
  agreement: 'Working agreements to comment on or acknowledge',
  decision: 'Changes that went around a decision; workarounds not repaid',
  webhook: 'Webhooks turned off after a day of failures',
};

export const DELIVERY_MODES = ['in_app', 'email', 'digest'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];
/** Without a choice of their own, people get their mail at once. */
export const DEFAULT_MODE: DeliveryMode = 'email';

/** Attempts (transient failures) before a mail counts as failed. */
export const MAX_MAIL_ATTEMPTS = 8;

export type SmtpFailure = 'transient' | 'permanent';

/**
 * An SMTP reply 5xx is permanent (no such mailbox, refused): trying again gives the same answer.
 * A 4xx reply (greylisting, mailbox busy) and no reply at all (connection refused, reset, timed
 * out) are transient.
 */
export function classifySmtpFailure(responseCode: number | undefined): SmtpFailure {
  return responseCode !== undefined && responseCode >= 500 && responseCode < 600 ? 'permanent' : 'transient';
}
