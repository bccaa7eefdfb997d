import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startSmtpCatcher } from '#testing/smtp-catcher.ts';

/**
 * `npm run mail-catcher`: a local SMTP server for trying Tandem's mail without a real one. Every
 * message is saved as .eml (open it in any mail program) and its HTML part as .html (open it in a
 * browser) in MAIL_CATCHER_DIR (./data/mail). Point Tandem at it:
 *   TANDEM_SMTP_URL=smtp://127.0.0.1:1025 TANDEM_MAIL_FROM='Tandem <tandem@localhost>' npm start
 */
const port = Number(process.env.MAIL_CATCHER_PORT ?? 1025);
const dir = path.resolve(process.env.MAIL_CATCHER_DIR ?? './data/mail');
await mkdir(dir, { recursive: true });
let n = 0;
const smtp = await startSmtpCatcher({
  port,
  onMail(mail) {
    n += 1;
    const slug = mail.subject
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60);
    const base = path.join(
      dir,
      `${new Date(mail.at).toISOString().replace(/[:.]/g, '-')}-${String(n).padStart(4, '0')}-${slug}`,
    );
    void Promise.all([
      writeFile(`${base}.eml`, mail.raw),
      mail.html ? writeFile(`${base}.html`, mail.html) : null,
    ]).then(
      () => console.log(`${mail.to}  “${mail.subject}”  → ${path.relative(process.cwd(), base)}.eml`),
      (err: unknown) => console.error(err),
    );
  },
});
console.log(`Mail catcher listening on ${smtp.url}; saving to ${dir}`);
console.log(`Start Tandem with TANDEM_SMTP_URL=${smtp.url} TANDEM_MAIL_FROM='Tandem <tandem@localhost>'`);
const stop = () => void smtp.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
