/**
 * The words of a mail: one layout for every kind, as plain text and as HTML (every value
 * escaped). The subject names Tandem and the product; the button links to the exact thing.
 */
export interface MailContent {
  /** The product's name (the subject's tag); null for mails about no product. */
  productName: string | null;
  subject: string;
  greeting: string;
  /** Paragraphs, plain text. */
  lines: readonly string[];
  /** A quote (a comment's words, what changed), shown set apart. */
  quote?: string | null;
  /** A digest's parts: one heading and its words each. */
  sections?: readonly { title: string; body: string }[];
  link: { url: string; label: string } | null;
  /** Why they got it, and where to change that. */
  footer: { reason: string; settingsUrl: string; unsubscribeUrl: string | null };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export const mailSubject = (productName: string | null, subject: string) =>
  `[Tandem${productName ? ` · ${productName}` : ''}] ${subject}`;

export function renderMail(c: MailContent): { subject: string; text: string; html: string } {
  const subject = mailSubject(c.productName, c.subject);
  const text = [
    c.greeting,
    '',
    ...c.lines.flatMap((l) => [l, '']),
    ...(c.quote ? [...c.quote.split('\n').map((l) => `> ${l}`), ''] : []),
    ...(c.sections ?? []).flatMap((s) => [`## ${s.title}`, '', s.body.trim(), '']),
    ...(c.link ? [`${c.link.label}: ${c.link.url}`, ''] : []),
    '-- ',
    c.footer.reason,
    `Choose what Tandem mails you: ${c.footer.settingsUrl}`,
    ...(c.footer.unsubscribeUrl ? [`Stop these mails: ${c.footer.unsubscribeUrl}`] : []),
  ].join('\n');
  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${e(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1d2330">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;border:1px solid #dde1e8">
<tr><td style="padding:20px 28px;border-bottom:1px solid #eceef2;font-weight:600;font-size:15px;color:#3b4a6b">Tandem${c.productName ? ` <span style="color:#8a93a6;font-weight:400">· ${e(c.productName)}</span>` : ''}</td></tr>
<tr><td style="padding:24px 28px;font-size:15px;line-height:1.55">
<h1 style="margin:0 0 16px;font-size:19px;line-height:1.35;color:#1d2330">${e(c.subject)}</h1>
<p style="margin:0 0 12px">${e(c.greeting)}</p>
${c.lines.map((l) => `<p style="margin:0 0 12px">${e(l)}</p>`).join('\n')}
${c.quote ? `<blockquote style="margin:0 0 16px;padding:8px 14px;border-left:3px solid #c9d2e3;color:#4a5368;white-space:pre-wrap">${e(c.quote)}</blockquote>` : ''}
${(c.sections ?? [])
  .map(
    (s) =>
      `<h2 style="margin:20px 0 6px;font-size:15px;color:#1d2330">${e(s.title)}</h2><div style="white-space:pre-wrap;color:#4a5368;font-size:14px">${e(s.body.trim())}</div>`,
  )
  .join('\n')}
${
  c.link
    ? `<p style="margin:20px 0 8px"><a href="${e(c.link.url)}" style="display:inline-block;background:#3558d6;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">${e(c.link.label)}</a></p>
<p style="margin:0;font-size:12px;color:#8a93a6;word-break:break-all">${e(c.link.url)}</p>`
    : ''
}
</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid #eceef2;font-size:12px;line-height:1.5;color:#8a93a6">
${e(c.footer.reason)}<br>
<a href="${e(c.footer.settingsUrl)}" style="color:#5a6785">Choose what Tandem mails you</a>${c.footer.unsubscribeUrl ? ` · <a href="${e(c.footer.unsubscribeUrl)}" style="color:#5a6785">Stop these mails</a>` : ''}
</td></tr></table></td></tr></table></body></html>
`;
  return { subject, text, html };
}
