import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it. */
export interface CaughtMail {
  to: string;
  messageId: string;
  subject: string;
  /** Lower-cased header name → unfolded value. */
  headers: Map<string, string>;
  text: string;
  html: string;
  raw: Buffer;
  at: number;
}

export interface SmtpCatcher {
  port: number;
  /** smtp://127.0.0.1:<port>, for TANDEM_SMTP_URL. */
  url: string;
  mails: CaughtMail[];
  close(): Promise<void>;
}

export interface CatcherOptions {
  port?: number;
  /** Refuse a recipient or a message with this SMTP reply (e.g. 451 greylisting, 550 no mailbox). */
  refuse?: (to: string) => { code: number; message: string } | null;
  onMail?: (mail: CaughtMail) => void;
  /** false: keep headers only (no text/html), for benchmarks that only count. */
  parse?: boolean;
  /** Wait this long (ms) before accepting each message, like a real server under load. */
  delayMs?: () => number;
}

/** Headers of a raw message, unfolded (RFC 5322 §2.2.3). */
export function parseHeaders(raw: Buffer): Map<string, string> {
  const text = raw.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  const head = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * A real SMTP server (the `smtp-server` package) that keeps what it receives: the tests' and the
 * benchmark's mail server, and `npm run mail-catcher`'s. No TLS or AUTH: it listens on loopback.
 */
export async function startSmtpCatcher(opts: CatcherOptions = {}): Promise<SmtpCatcher> {
  const mails: CaughtMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const refused = opts.refuse?.(address.address);
      if (refused) {
        callback(Object.assign(new Error(refused.message), { responseCode: refused.code }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const at = Date.now();
        const headers = parseHeaders(raw);
        // Parsed (mailparser: encoded words, quoted-printable, the two parts) before the reply, so
        // a test that sees the reply sees the mail.
        const parsed =
          opts.parse === false
            ? Promise.resolve({ messageId: undefined, subject: undefined, text: '', html: false as const })
            : simpleParser(raw);
        parsed.then(
          (parsed) => {
            const mail: CaughtMail = {
              to: session.envelope.rcptTo.map((r) => r.address).join(', '),
              messageId: parsed.messageId ?? headers.get('message-id') ?? '',
              subject: parsed.subject ?? headers.get('subject') ?? '',
              headers,
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              raw,
              at,
            };
            mails.push(mail);
            opts.onMail?.(mail);
            const wait = opts.delayMs?.() ?? 0;
            if (wait > 0) setTimeout(() => callback(), wait);
            else callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  // A client that dies mid-conversation (a SIGKILLed worker) resets its connection: not our error.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
