import { afterAll } from 'vitest';
import type { MailSetup } from '#app/mail/ports.ts';
import { allJobs } from '#capabilities/index.ts';
import { type Reactions, startReactions } from '#jobs/reactions.ts';
import { smtpTransport } from '#jobs/smtp-transport.ts';
import { createLogger } from '#server/logger.ts';
import { createTestApp, type TestApp } from '#testing/harness.ts';
import { type CatcherOptions, type SmtpCatcher, startSmtpCatcher } from '#testing/smtp-catcher.ts';

export interface MailTestApp {
  t: TestApp;
  smtp: SmtpCatcher;
  setup: MailSetup;
  worker: Reactions;
}

/**
 * A test app with mail on (call it in `beforeAll`): a real SMTP server (smtp-server), the real
 * worker with every subscriber, fast retries. The worker and the server stop after the file.
 */
export async function createMailTestApp(catcher: CatcherOptions = {}): Promise<MailTestApp> {
  const smtp = await startSmtpCatcher(catcher);
  const setup: MailSetup = {
    enabled: true,
    from: 'Tandem <tandem@example.test>',
    smtpUrl: smtp.url,
    publicUrl: 'https://tandem.example.test',
    backoff: { baseMs: 50, maxMs: 200 },
  };
  const t = await createTestApp({ mail: setup });
  const worker = await startReactions({
    store: t.store,
    databaseUrl: t.pool.options.connectionString!,
    log: createLogger('silent'),
    subscribers: allJobs,
    pollInterval: 100,
    heartbeatMs: 500,
    mail: { setup, transport: smtpTransport(smtp.url) },
  });
  // Registered after the app's own hooks, so it runs first: the worker stops before the pool ends.
  afterAll(async () => {
    await worker.stop();
    await smtp.close();
  });
  return { t, smtp, setup, worker };
}
