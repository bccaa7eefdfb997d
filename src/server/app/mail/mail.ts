import type { Actor } from '#app/actor.ts';
import { recordEvent } from '#app/events.ts';
import { messageIdFor, readUnsubscribeToken, settingsUrl } from '#app/mail/outbox.ts';
import type { DeliveryRecord, MailSetup } from '#app/mail/ports.ts';
import { renderMail } from '#app/mail/render.ts';
import type { Store } from '#app/store.ts';
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

    /** RFC 8058 one-click: the signed token names the person and the kind; that kind goes in-app only. */
    async unsubscribe(token: string) {
      const found = readUnsubscribeToken(await store.read.mail.signingKey(), token);
      if (!found) throw notFound('That unsubscribe link');
      await store.transaction(async (r) => {
        if ((await r.mail.recipients([found.userId])).length === 0) throw notFound('That unsubscribe link');
        await r.mail.setSettings(found.userId, [{ kind: found.kind, mode: 'in_app' }]);
        await recordEvent(r, {
          productId: null,
          actorId: found.userId,
          entityType: 'user',
          entityId: found.userId,
          type: 'user.notification_settings_changed',
          after: { settings: { [found.kind]: 'in_app' }, via: 'unsubscribe' },
        });
      });
      return { ok: true as const, kind: found.kind };
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
