import { z } from 'zod';
import { text } from './common.ts';
import { DeliveryMode, MailKind } from './mail.ts';

/**
 * The unsubscribe link of a mail (issue 12): the signed token names the person and the kind, and
 * is the only authority (no sign-in). GET says what it would do and changes nothing (mail
 * scanners follow links); POST turns the kind off (also RFC 8058 one-click); undo restores it.
 */
export const UnsubscribeParams = z.object({ token: text({ max: 300 }) });
export const UnsubscribeInfo = z.object({
  kind: MailKind,
  label: z.string().describe('What the kind is, in the settings page’s words'),
  email: z.string().describe('The address these mails go to'),
  mode: DeliveryMode.describe('How the person takes this kind now; in_app = no mail'),
});
export const Unsubscribed = z.object({
  ok: z.literal(true),
  kind: MailKind,
  previousMode: DeliveryMode.describe('The mode before, which undo restores'),
});
export const UndoUnsubscribeBody = z.object({
  mode: z.enum(['email', 'digest']).describe('How to take this kind again: at once or in the daily digest'),
});
export const Resubscribed = z.object({ ok: z.literal(true), kind: MailKind, mode: DeliveryMode });
