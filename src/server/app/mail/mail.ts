import type { Actor } from '#app/actor.ts';
import { recordEvent } from '#app/events.ts';
import { messageIdFor, readUnsubscribeToken, settingsUrl } from '#app/mail/outbox.ts';
import type { DeliveryRecord, MailSetup } from '#app/mail/ports.ts';
import { renderMail } from '#app/mail/render.ts';
import type { Repos, Store } from '#app/store.ts';
import { nextDigestAt, zoneOrUtc } from '#domain/delivery/digest.ts';
import {
  DEFAULT_MODE,
  type DeliveryMode,
  MAIL_KIND_LABELS,
  MAIL_KINDS,
  type MailKind,
} from '#domain/delivery/mail.ts';
import { AppError, notFound } from '#domain/errors.ts';

const mailOff = () =>
  new AppError('mail_off', 'Mail is off: the server has no TANDEM_SMTP_URL and TANDEM_MAIL_FROM.');

const badLink = () =>
  new AppError(
    'not_found',
    'This unsubscribe link does not work: it was cut short or changed, or its account no longer exists. Sign in to choose what Tandem mails you.',
  );

/** The person and kind an unsubscribe link names, when its signature holds and the person exists. */
async function linkOf(r: Repos, token: string) {
  const found = readUnsubscribeToken(await r.mail.signingKey(), token);
  const [person] = found ? await r.mail.recipients([found.userId]) : [];
  if (!found || !person) throw badLink();
  return { ...found, email: person.email };
}

async function setByLink(
  r: Repos,
  userId: string,
  kind: MailKind,
  mode: DeliveryMode,
  via: 'unsubscribe' | 'unsubscribe_undone',
) {
  await r.mail.setSettings(userId, [{ kind, mode }]);
  await recordEvent(r, {
    productId: null,
    actorId: userId,
    entityType: 'user',
    entityId: userId,
    type: 'user.notification_settings_changed',
    after: { settings: { [kind]: mode }, via },
  });
}

/** A person's mail settings, unsubscribe links, and what admins see of the mail outbox. */
export function mailUseCases(store: Store, setup: MailSetup, now: () => Date) {
  async function settingsOf(userId: string) {
    const [chosen, zone] = await Promise.all([
      store.read.mail.settings(userId),
      store.read.digest.timeZone(userId),
    ]);
    const timeZone = zoneOrUtc(zone);
    return {
      mailEnabled: setup.enabled,
      settings: MAIL_KINDS.map((kind) => ({
        kind,
        label: MAIL_KIND_LABELS[kind],
        mode: chosen.get(kind) ?? DEFAULT_MODE,
      })),
      timeZone,
      timeZoneChosen: zone !== null,
      nextDigestAt: nextDigestAt(now(), timeZone).toISOString(),
    };
  }

  return {
    settings: (actor: Actor) => settingsOf(actor.userId),

    /** Modes per kind and the digest's time zone; either may be left out (nothing changes then). */
    async updateSettings(
      actor: Actor,
      change: {
        settings?: readonly { kind: MailKind; mode: DeliveryMode }[] | undefined;
        timeZone?: string | undefined;
      },
    ) {
      const settings = change.settings ?? [];
      if (settings.length === 0 && change.timeZone === undefined) return settingsOf(actor.userId);
      await store.transaction(async (r) => {
        if (settings.length) await r.mail.setSettings(actor.userId, settings);
        if (change.timeZone !== undefined) await r.digest.setTimeZone(actor.userId, change.timeZone);
        await recordEvent(r, {
          productId: null,
          actorId: actor.userId,
          entityType: 'user',
          entityId: actor.userId,
          type: 'user.notification_settings_changed',
          after: {
            settings: Object.fromEntries(settings.map((s) => [s.kind, s.mode])),
            ...(change.timeZone !== undefined ? { timeZone: change.timeZone } : {}),
            via: 'settings',
          },
        });
      });
      return settingsOf(actor.userId);
    },

    /** What an unsubscribe link would do; changes nothing (mail scanners open links). */
    async unsubscribeInfo(token: string) {
      const { userId, kind, email } = await linkOf(store.read, token);
      const mode = (await store.read.mail.settings(userId)).get(kind) ?? DEFAULT_MODE;
      return { kind, label: MAIL_KIND_LABELS[kind], email, mode };
    },

    /** RFC 8058 one-click, and the page's button: that kind goes in-app only for that person. */
    async unsubscribe(token: string) {
      return store.transaction(async (r) => {
        const { userId, kind } = await linkOf(r, token);
        const previousMode = (await r.mail.settings(userId)).get(kind) ?? DEFAULT_MODE;
        await setByLink(r, userId, kind, 'in_app', 'unsubscribe');
        return { ok: true as const, kind, previousMode };
      });
    },

    /** "Undo" on the unsubscribe page: the same link takes that kind again, as it was taken before. */
    async undoUnsubscribe(token: string, mode: 'email' | 'digest') {
      return store.transaction(async (r) => {
        const { userId, kind } = await linkOf(r, token);
        await setByLink(r, userId, kind, mode, 'unsubscribe_undone');
        return { ok: true as const, kind, mode };
      });
    },

    async status() {
      const server = setup.smtpUrl ? new URL(setup.smtpUrl) : null;
      return {
        enabled: setup.enabled,
        from: setup.from,
        server: server
          ? `${server.protocol}//${server.hostname}:${server.port || (server.protocol === 'smtps:' ? 465 : 587)}`
          : null,
        queue: await store.read.mail.counts(),
      };
    },

    list: (q: { status?: DeliveryRecord['status'] | undefined }, limit = 200) =>
      store.read.mail.list({ ...q, limit }),

    async resend(actor: Actor, id: string) {
      await store.transaction(async (r) => {
        const { outcome, subject } = await r.mail.resend(id);
        if (outcome === 'missing') throw notFound('That sent or failed delivery');
        if (outcome === 'redacted')
          throw new AppError(
            'conflict',
            'This review invitation was sent and its personal link is not kept: invite the person again for a new one.',
          );
        await recordEvent(r, {
          productId: null,
          actorId: actor.userId,
          entityType: 'delivery',
          entityId: id,
          type: 'delivery.resent',
          after: { channel: 'email', subject },
        });
      });
    },

    /** "Send me a test mail": one row in the outbox like any other, to the admin asking. */
    async sendTest(actor: Actor) {
      if (!setup.enabled) throw mailOff();
      const key = `test:${actor.userId}:${now().toISOString()}`;
      const words = renderMail({
        productName: null,
        subject: 'Test mail',
        greeting: `Hello ${actor.name},`,
        lines: ['This is the test mail you asked for. Mail from Tandem reaches you.'],
        link: { url: `${setup.publicUrl}/admin/mail`, label: 'Back to the mail settings' },
        footer: {
          reason: 'You get this because you asked for it on the admin page.',
          settingsUrl: settingsUrl(setup),
          unsubscribeUrl: null,
        },
      });
      await store.transaction(async (r) => {
        await r.mail.insertMany([
          {
            key,
            recipientId: actor.userId,
            kind: 'test',
            ...words,
            messageId: messageIdFor(key, setup.publicUrl),
            unsubscribeUrl: null,
            status: 'pending',
            secret: false,
          },
        ]);
        await recordEvent(r, {
          productId: null,
          actorId: actor.userId,
          entityType: 'delivery',
          entityId: actor.userId,
          type: 'mail.test_sent',
          after: { to: actor.email },
        });
      });
      return { ok: true as const, to: actor.email };
    },
  };
}
export type MailUseCases = ReturnType<typeof mailUseCases>;
