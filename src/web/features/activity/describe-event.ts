import type { EventType } from '#contracts/events.ts';
import type { Event } from '#contracts/products.ts';
import { type ProductRole, ROLE_LABELS } from '#domain/roles.ts';
import { type EntityNames, type WorkEventType, workDescribers } from './describe-work-event.ts';

/**
 * Turns an event of the product's log into a sentence a stakeholder understands:
 * "Olive added Tom as Team member". Every type of the event catalog (contracts/events.ts) has its
 * sentence here or in describe-work-event.ts: the two records are typed by the catalog, so a new
 * type does not compile until it is described. A type this build does not know (a newer server)
 * still reads naturally from its `entity.verb` name.
 */
export type Describer = (e: Event, actor: string) => string;

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const role = (v: unknown): string =>
  typeof v === 'string' && v in ROLE_LABELS ? ROLE_LABELS[v as ProductRole] : 'member';
const quoted = (v: unknown): string => (str(v) ? `“${str(v)}”` : '');
const share = (v: unknown): string => (typeof v === 'number' ? `${v}%` : 'none');

const FIELD_NAMES: Record<string, string> = {
  name: 'name',
  key: 'key',
  description: 'description',
  targetShare: 'target share',
};

function changes(before: unknown, after: unknown): string {
  const b = obj(before);
  const a = obj(after);
  const parts: string[] = [];
  for (const k of Object.keys(a)) {
    if (!(k in FIELD_NAMES) || JSON.stringify(a[k]) === JSON.stringify(b[k])) continue;
    if (k === 'targetShare') parts.push(`target share from ${share(b[k])} to ${share(a[k])}`);
    else if (k === 'description') parts.push('the description');
    else parts.push(`${FIELD_NAMES[k]} from ${quoted(b[k]) || 'nothing'} to ${quoted(a[k])}`);
  }
  return parts.join(', ');
}

const accountName = (e: Event): string =>
  str(obj(e.after).name) ?? str(obj(e.before).name) ?? str(obj(e.after).email) ?? 'an account';

function userUpdated(e: Event, who: string): string {
  const a = obj(e.after);
  const b = obj(e.before);
  const parts: string[] = [];
  if (a.disabled !== b.disabled) parts.push(a.disabled ? 'disabled it' : 'enabled it again');
  if (a.workspaceRole !== b.workspaceRole)
    parts.push(a.workspaceRole === 'admin' ? 'made them a workspace admin' : 'made them a member');
  if (a.name !== b.name) parts.push(`renamed it to ${quoted(a.name)}`);
  return `${who} changed the account of ${accountName(e)}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

const describers: Record<Exclude<EventType, WorkEventType>, Describer> = {
  'workspace.setup': (_e, who) => `${who} set up the workspace`,
  'user.created': (e, who) => `${who} created an account for ${accountName(e)}`,
  'user.updated': userUpdated,
  'user.password_changed': (_e, who) => `${who} changed their password`,
  'user.password_reset_created': (e, who) => `${who} made a password reset link for ${accountName(e)}`,
  'user.password_reset': (_e, who) => `${who} chose a new password with a reset link`,
  'token.created': (e, who) => `${who} created the API token ${quoted(obj(e.after).name)}`.trim(),
  'token.revoked': (_e, who) => `${who} revoked an API token`,
  'calendar_feed.created': (_e, who) => `${who} made a new calendar subscription link`,
  'calendar_feed.revoked': (_e, who) => `${who} turned off their calendar subscription link`,
  'user.sso_linked': (e, who) =>
    `${who} linked their account to single sign-on (${str(obj(e.after).email) ?? 'their company account'})`,
  'user.sso_signed_up': (e, who) =>
    `${who} joined the workspace through single sign-on (${str(obj(e.after).email) ?? 'their company account'})`,
  'user.notification_settings_changed': (e, who) =>
    obj(e.after).via === 'unsubscribe'
      ? `${who} turned a kind of mail off from a mail`
      : obj(e.after).via === 'unsubscribe_undone'
        ? `${who} took back turning a kind of mail off`
        : Object.keys(obj(obj(e.after).settings)).length === 0 && str(obj(e.after).timeZone)
          ? `${who} set the time zone of their daily digest to ${str(obj(e.after).timeZone)}`
          : `${who} changed what Tandem mails them`,
  'delivery.resent': (e, who) => `${who} sent the mail ${quoted(obj(e.after).subject)} again`,
  'mail.test_sent': (e, who) => `${who} sent a test mail to ${str(obj(e.after).to) ?? 'themselves'}`,
  'invite.created': (e, who) =>
    `${who} invited ${str(obj(e.after).email) ?? 'someone'} to the workspace${obj(e.after).workspaceRole === 'admin' ? ' as an admin' : ''}`,
  'invite.accepted': (_e, who) => `${who} accepted an invitation and joined the workspace`,
  'product.created': (e, who) => `${who} created the product ${quoted(obj(e.after).name)}`.trim(),
  'product.updated': (e, who) => `${who} changed ${changes(e.before, e.after) || 'the product details'}`,
  'product.deleted': (_e, who) => `${who} deleted the product`,
  'member.added': (e, who) =>
    `${who} added ${str(obj(e.after).name) ?? 'someone'} as ${role(obj(e.after).role)}`,
  'member.role_changed': (e, who) =>
    `${who} changed ${str(obj(e.after).name) ?? 'a member'}’s role from ${role(obj(e.before).role)} to ${role(obj(e.after).role)}`,
  'member.removed': (e, who) =>
    `${who} removed ${str(obj(e.before).name) ?? 'a member'} (${role(obj(e.before).role)}) from the product`,
  'segment.created': (e, who) => `${who} added the customer segment ${quoted(obj(e.after).name)}`,
  'segment.updated': (e, who) =>
    `${who} changed the segment ${quoted(obj(e.after).name ?? obj(e.before).name)}: ${changes(e.before, e.after) || 'details'}`,
  'segment.deleted': (e, who) => `${who} deleted the customer segment ${quoted(obj(e.before).name)}`,
  'backlog_view.created': (e, who) => `${who} saved the backlog view ${quoted(obj(e.after).name)}`,
  'backlog_view.replaced': (e, who) => `${who} updated the backlog view ${quoted(obj(e.after).name)}`,
  'backlog_view.deleted': (e, who) => `${who} deleted the backlog view ${quoted(obj(e.before).name)}`,
  'member.segments_changed': (e, who) =>
    `${who} changed the customer segments of ${str(obj(e.after).name) ?? 'a member'}`,
  'stakeholders.imported': (e, who) => {
    const n = obj(e.after).added;
    return `${who} added ${typeof n === 'number' ? n : 'several'} stakeholders from a list`;
  },
  'member.sign_in_link_created': (e, who) =>
    `${who} made a personal sign-in link for ${str(obj(e.after).name) ?? 'a stakeholder'}`,
  'member.signed_in_by_link': (_e, who) => `${who} signed in with their personal link`,
  'request.created': (e, who) => `${who} asked ${quoted(obj(e.after).title)}`.trim(),
  'request.updated': (e, who) =>
    obj(e.after).published === true
      ? `${who} published a request to every stakeholder`
      : `${who} edited a request`,
  'request.supported': (_e, who) => `${who} supported a request (+1)`,
  'request.triaged': (e, who) => {
    const a = obj(e.after);
    if (a.action === 'decline') return `${who} declined a request: ${quoted(a.reason)}`;
    return a.action === 'create'
      ? `${who} planned a request as a new backlog item`
      : `${who} planned a request by linking it to a backlog item`;
  },
  'request.shipped': (e, who) => `${who} shipped what was asked for in ${str(obj(e.after).key) ?? 'an item'}`,
  'review.opened': (e, who) => {
    const ids = obj(e.after).itemIds;
    const n = Array.isArray(ids) ? ids.length : 0;
    return `${who} opened a review with customers for ${n} ${n === 1 ? 'increment' : 'increments'}`;
  },
  'review.increment_changed': (_e, who) => `${who} edited what changed for customers in a review`,
  'review.invited': (e, who) => {
    const ids = obj(e.after).userIds;
    const n = Array.isArray(ids) ? ids.length : 0;
    return `${who} sent ${n} personal review ${n === 1 ? 'link' : 'links'}`;
  },
  'review.answered': (e, who) => `${who} answered a review (${str(obj(e.after).mood) ?? 'a mood'})`,
  'review.closed': (e, who) => {
    const n = obj(e.after).responses;
    return `${who} closed a review${typeof n === 'number' ? ` with ${n} ${n === 1 ? 'answer' : 'answers'}` : ''}`;
  },
  'release.created': (e, who) => `${who} created the release ${quoted(obj(e.after).name)}`.trim(),
  'release.updated': (_e, who) => `${who} changed a release`,
  'release.shipped': (e, who) => `${who} shipped the release ${quoted(obj(e.after).name)}`.trim(),
  'release.vote_opened': (e, who) => {
    const ids = obj(e.after).itemIds;
    const n = Array.isArray(ids) ? ids.length : 0;
    return `${who} opened a vote on ${n} ${n === 1 ? 'candidate' : 'candidates'}`;
  },
  'release.voted': (_e, who) => `${who} voted on a release`,
  'release.scope_applied': (e, who) => {
    const ids = obj(e.after).added;
    const n = Array.isArray(ids) ? ids.length : 0;
    return `${who} applied the computed scope to ${quoted(obj(e.after).name)}, adding ${n} ${n === 1 ? 'item' : 'items'}`.trim();
  },
  'allocation.targets_updated': (_e, who) => `${who} changed the allocation targets per category`,
  'insight.sharing_updated': (e, who) =>
    obj(e.after).allocation
      ? `${who} shared the allocation (points per segment and category) with stakeholders`
      : `${who} stopped sharing the allocation with stakeholders`,
  'agreement.created': (e, who) =>
    `${who} started the working agreement ${quoted(obj(e.after).title)}`.trim(),
  'agreement.updated': (e, who) => {
    const a = obj(e.after);
    if (a.shared === true) return `${who} shared a working agreement with stakeholders`;
    if (a.shared === false) return `${who} stopped sharing a working agreement with stakeholders`;
    if ('title' in a) return `${who} renamed a working agreement to ${quoted(a.title)}`;
    if ('roles' in a) return `${who} changed who is asked to acknowledge a working agreement`;
    return `${who} edited the draft of a working agreement`;
  },
  'agreement.proposed': (e, who) => {
    const a = obj(e.after);
    const until = str(a.commentUntil);
    return `${who} proposed version ${String(a.version ?? '?')} of a working agreement${until ? `, open for comments until ${new Date(until).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}` : ''}`;
  },
  'agreement.revised': (e, who) =>
    `${who} revised version ${String(obj(e.after).version ?? '?')} of a working agreement`,
  'agreement.commented': (e, who) =>
    `${who} commented on paragraph ${Number(obj(e.after).paragraph ?? 0) + 1} of a working agreement`,
  'agreement.acknowledged': (e, who) =>
    `${who} acknowledged version ${String(obj(e.after).version ?? '?')} of a working agreement`,
  'agreement.effective': (e, who) =>
    `${who} put version ${String(obj(e.after).version ?? '?')} of ${quoted(obj(e.after).title) || 'a working agreement'} into effect: its date came`,
  'budget.updated': (e, who) => {
    const a = obj(e.after);
    return `${who} set the budget to ${typeof a.total === 'number' ? a.total : '?'} ${a.unit === 'money' ? '(money)' : 'points'}`;
  },
  'sla.policy_updated': (e, who) =>
    `${who} ${e.before ? 'changed' : 'set'} the SLA policy for defects (${str(obj(e.after).timeZone) ?? 'time zone'})`,
  'decision.created': (e, who) => `${who} proposed the decision ${quoted(obj(e.after).title)}`.trim(),
  'decision.accepted': (e, who) => `${who} accepted the decision ${quoted(obj(e.after).title)}`.trim(),
  'decision.superseded': (e, who) =>
    `${who} superseded the decision ${quoted(obj(e.after).title)} by decision ${obj(e.after).byNumber ?? ''}`.trim(),
  'decision.contradicted': (e, who) =>
    `${who} went around the decision ${quoted(obj(e.after).title)}: ${str(obj(e.after).summary) ?? ''}`.trim(),
  'webhook.created': (e, who) => `${who} added a webhook to ${str(obj(e.after).url) ?? 'an endpoint'}`,
  'webhook.updated': (e, who) => {
    const a = obj(e.after);
    if (a.enabled === true) return `${who} turned a webhook on again`;
    if (a.enabled === false) return `${who} paused a webhook`;
    return `${who} changed a webhook`;
  },
  'webhook.deleted': (e, who) => `${who} removed the webhook to ${str(obj(e.before).url) ?? 'an endpoint'}`,
  'webhook.disabled': (e, who) =>
    `${who} turned off the webhook to ${str(obj(e.after).url) ?? 'an endpoint'} after a day of failed deliveries`,
  'webhook.test_requested': (_e, who) => `${who} sent a test event to a webhook`,
  'webhook.delivery_resent': (e, who) =>
    `${who} re-sent a webhook delivery of ${str(obj(e.after).eventType) ?? 'an event'}`,
};

const isWorkType = (t: EventType): t is WorkEventType => Object.hasOwn(workDescribers, t);

/** `names` resolves entity ids to "VIP-5 “title”" or "Sprint 5" where the payload lacks them. */
export function describeEvent(e: Event, names: EntityNames = new Map()): string {
  const who = e.actor?.name ?? 'Tandem';
  const t = e.type;
  if (isWorkType(t)) return workDescribers[t](e, who, names);
  if (Object.hasOwn(describers, t)) return describers[t as Exclude<EventType, WorkEventType>](e, who);
  const [entity = e.entityType, verb = 'changed'] = e.type.split('.');
  const label = str(obj(e.after).title) ?? str(obj(e.after).name) ?? str(obj(e.before).title);
  const thing = entity.replace(/_/g, ' ');
  const article = /^[aeiou]/.test(thing) ? 'an' : 'a';
  return `${who} ${verb.replace(/_/g, ' ')} ${label ? `${thing} “${label}”` : `${article} ${thing}`}`;
}

/** "just now", "5 min ago", "3 h ago", then the date. `now` is passed in so tests are stable. */
export function timeAgo(iso: string, now: Date): string {
  const s = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}
