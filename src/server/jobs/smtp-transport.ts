import nodemailer from 'nodemailer';
import type { MailTransport } from '#app/mail/sender.ts';

/**
 * nodemailer over a pooled SMTP connection to TANDEM_SMTP_URL. Every message carries its stable
 * Message-ID and, for kinds one can turn off, RFC 8058 one-click List-Unsubscribe headers.
 */
export function smtpTransport(smtpUrl: string, opts: { maxConnections?: number } = {}): MailTransport {
  const url = new URL(smtpUrl);
  const transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: opts.maxConnections ?? 4,
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // A local catcher (?tls=off) has no certificate; a real server must have a valid one.
    ...(url.searchParams.get('tls') === 'off' ? { ignoreTLS: true } : {}),
  });
  return {
    async send(mail, from) {
      await transporter.sendMail({
        from,
        to: { name: mail.toName, address: mail.to },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: {
          'X-Tandem-Kind': mail.kind,
          ...(mail.unsubscribeUrl
            ? {
                'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              }
            : {}),
        },
      });
    },
    close: () => transporter.close(),
  };
}
