import type { ServiceDeps, Services } from '#app/services.ts';
import { webhookDelivery } from '#app/webhooks/deliver.ts';
import { secretBox } from '#app/webhooks/signing.ts';
import { webhookUseCases } from '#app/webhooks/webhooks.ts';
import type { Queryable } from '#db/pool.ts';
import { webhooksRepo } from '#db/repositories/webhooks.repository.ts';
import { webhookRoutes } from '#http/routes/webhooks.routes.ts';
import { httpTransport } from '#jobs/webhook-transport.ts';
import { webhookJobs } from '#jobs/webhooks.job.ts';
import { defineCapability } from './capability.ts';

/**
 * Webhooks (issue 12): endpoints per product, a delivery row per (event, endpoint) written by the
 * fan-out reaction, and the `webhook-send` task that signs (Standard Webhooks), sends and retries.
 */
const repos = (db: Queryable) => ({ webhooks: webhooksRepo(db) });

const useCases = ({ store, now, webhooks: settings }: ServiceDeps) => {
  const policy = { allowPrivate: settings.allowPrivate };
  const transport = httpTransport(policy);
  const box = secretBox(settings.secretKey);
  return {
    webhooks: {
      ...webhookUseCases(store, { now, policy, transport, box }),
      /** Sends one pending delivery: what the `webhook-send` job runs. */
      deliver: webhookDelivery(store, { now, random: Math.random, transport, box }),
    },
  };
};

const tasks = (services: Services) => ({
  'webhook-send': async (payload: unknown) => {
    const id = (payload as { deliveryId?: unknown } | null)?.deliveryId;
    if (typeof id !== 'string') throw new Error('webhook-send needs a deliveryId');
    await services.webhooks.deliver(id);
  },
});

export const webhooks = defineCapability({
  name: 'webhooks',
  repos,
  useCases,
  routes: webhookRoutes,
  jobs: [...webhookJobs],
  tasks,
});
