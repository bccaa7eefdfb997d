import { recordEvents } from '#app/events.ts';
import { mailNotices } from '#app/mail/notice-mail.ts';
import { MAIL_OFF, type MailSetup } from '#app/mail/ports.ts';
import type { NewEvent } from '#app/ports.ts';
import type { StoredEvent } from '#app/reactions/stored-event.ts';
import type { Repos } from '#app/store.ts';
import { wakeBells } from './notifications.ts';
import type { ShippedItem } from './ports.ts';

/**
 * Close the loop (issue 10): when an item is accepted, or the release holding it ships, everyone
 * who asked for it, supported a request for it, voted for it or was unhappy with it at a review
 * hears "What you asked for shipped". The notice is keyed by the item (`shipped:<item id>`), so an
 * acceptance retried, a job run twice and the release shipping later still leave each person ONE.
 * The item's open and planned requests become `shipped`, with a `request.shipped` event each.
 */

export const shippedKey = (itemId: string) => `shipped:${itemId}`;
/**
 * How a notice names an item to customers: key and title when they may read it (published, or
 * accepted and so on the portal as delivered), else the key alone; its title is internal.
 */
const itemName = (item: Pick<ShippedItem, 'key' | 'title' | 'published' | 'accepted'>) =>
  item.published || item.accepted ? `${item.key} ${item.title}` : item.key;
export const shippedTitle = (item: Pick<ShippedItem, 'key' | 'title' | 'published' | 'accepted'>) =>
  `What you asked for shipped: ${itemName(item)}`;

type ShippingEvent = StoredEvent<'item.updated'> | StoredEvent<'release.shipped'>;

/** The items an event ships: an accepted item, or a shipped release's items. */
export function shippedItemIds(event: ShippingEvent): string[] {
  if (event.type === 'release.shipped') return [...new Set(event.after.itemIds)];
  return event.after.status === 'accepted' ? [event.entityId] : [];
}

export async function closeTheLoop(
  r: Repos,
  event: ShippingEvent,
  mail: MailSetup = MAIL_OFF,
): Promise<number> {
  let written = 0;
  for (const itemId of shippedItemIds(event)) {
    const item = await r.loop.item(itemId);
    if (!item || item.productId !== event.productId) continue;
    const audience = await r.loop.audienceOf(item.id);
    const notices = audience.map((recipientId) => ({
      recipientId,
      causeEventId: event.id,
      causeKey: shippedKey(item.id),
      kind: 'shipped' as const,
      productId: item.productId,
      actorId: event.actorId,
      itemId: item.id,
      commentId: null,
      title: shippedTitle(item),
      body: item.whatChanged || null,
    }));
    const n = await r.notices.insertMany(notices);
    if (n > 0) await Promise.all([wakeBells(r, audience), mailNotices(r, mail, notices)]);
    written += n;

    const requests = await r.loop.unshippedRequestsOf(item.id);
    if (requests.length === 0) continue;
    await r.requests.markShipped(requests.map((q) => q.id));
    await recordEvents(
      r,
      requests.map(
        (q): NewEvent => ({
          productId: item.productId,
          actorId: event.actorId,
          entityType: 'request',
          entityId: q.id,
          type: 'request.shipped',
          after: { itemId: item.id, key: item.key },
        }),
      ),
    );
  }
  return written;
}

/**
 * The requester hears every status change of their request: planned (with the item it became),
 * declined (with the reason), shipped (the same "shipped" notice as above, so never twice).
 * Someone who is no longer a member of the product hears nothing.
 */
export async function tellRequester(
  r: Repos,
  event: StoredEvent<'request.triaged'> | StoredEvent<'request.shipped'>,
  mail: MailSetup = MAIL_OFF,
): Promise<number> {
  const request = await r.loop.request(event.entityId);
  if (!request?.requesterId || !(await r.loop.isMember(request.productId, request.requesterId))) return 0;
  const base = {
    recipientId: request.requesterId,
    causeEventId: event.id,
    productId: request.productId,
    actorId: event.actorId,
    commentId: null,
    requestId: request.id,
  };
  let notice: Parameters<Repos['notices']['insertMany']>[0][number];
  if (event.type === 'request.shipped') {
    const item = await r.loop.item(event.after.itemId);
    if (!item) return 0;
    notice = {
      ...base,
      causeKey: shippedKey(item.id),
      kind: 'shipped',
      itemId: item.id,
      title: shippedTitle(item),
      body: item.whatChanged || null,
    };
  } else {
    const { status, itemId, reason } = event.after;
    const item = itemId ? await r.loop.item(itemId) : null;
    const title =
      status === 'declined'
        ? `Your request was declined: ${request.title}`
        : status === 'planned'
          ? `Your request is planned: ${request.title}`
          : `Your request is ${status}: ${request.title}`;
    // The request's own words are the requester's; an unpublished item is named by its key only.
    const named = item ? itemName(item) : null;
    const body = status === 'declined' ? reason : named ? `It is on the backlog as ${named}.` : null;
    notice = {
      ...base,
      causeKey: `request:${event.id}`,
      kind: 'request_status',
      itemId: item?.id ?? null,
      title,
      body,
    };
  }
  const n = await r.notices.insertMany([notice]);
  if (n > 0) await Promise.all([wakeBells(r, [request.requesterId]), mailNotices(r, mail, [notice])]);
  return n;
}
