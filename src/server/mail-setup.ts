import { MAIL_OFF, type MailSetup } from '#app/mail/ports.ts';
import type { MailTransport } from '#app/mail/sender.ts';
import { smtpTransport } from '#jobs/smtp-transport.ts';
import type { Config } from './config.ts';

/**
 * Mail from the configuration: on with TANDEM_SMTP_URL and TANDEM_MAIL_FROM, off without (no
 * mail is written, and the admin page says so). Links point at TANDEM_BASE_URL, else at this
 * process's own port on localhost.
 */
export function mailFromConfig(config: Config): { setup: MailSetup; transport: MailTransport | null } {
  const publicUrl = config.baseUrl ?? `http://localhost:${config.port || 3000}`;
  if (!config.mail) return { setup: { ...MAIL_OFF, publicUrl }, transport: null };
  return {
    setup: { enabled: true, from: config.mail.from, smtpUrl: config.mail.smtpUrl, publicUrl },
    transport: smtpTransport(config.mail.smtpUrl),
  };
}
