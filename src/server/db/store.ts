import type pg from 'pg';
import type { Repos, Store } from '#app/store.ts';
import { AppError } from '#domain/errors.ts';
import { PgListenBridge } from './listen.ts';
import { inTransaction, prepared, type Queryable } from './pool.ts';
import { timeoutsAsBusy } from './query-errors.ts';
import {
  idempotencyRepo,
  invitesRepo,
  passwordResetsRepo,
  sessionsRepo,
  tokensRepo,
  usersRepo,
  workspaceRepo,
} from './repositories/accounts.repository.ts';
import { backlogViewsRepo } from './repositories/backlog-views.repository.ts';
import { eventsRepo } from './repositories/events.repository.ts';
import { itemsRepo } from './repositories/items.repository.ts';
import {
  backlogSettingsRepo,
  itemCommentsRepo,
  itemLinksRepo,
} from './repositories/items-social.repository.ts';
import { pokerRepo } from './repositories/poker.repository.ts';
import { membersRepo, productsRepo, segmentsRepo } from './repositories/products.repository.ts';
import { sprintsRepo } from './repositories/sprints.repository.ts';
import { definitionsOfDoneRepo } from './repositories/sprints-dod.repository.ts';

export function reposFor(raw: Queryable): Repos {
  const db = timeoutsAsBusy(prepared(raw));
  return {
    users: usersRepo(db),
    sessions: sessionsRepo(db),
    tokens: tokensRepo(db),
    invites: invitesRepo(db),
    passwordResets: passwordResetsRepo(db),
    products: productsRepo(db),
    members: membersRepo(db),
    segments: segmentsRepo(db),
    events: eventsRepo(db),
    workspace: workspaceRepo(db),
    idempotency: idempotencyRepo(db),
    items: itemsRepo(db),
    itemLinks: itemLinksRepo(db),
    itemComments: itemCommentsRepo(db),
    backlogSettings: backlogSettingsRepo(db),
    backlogViews: backlogViewsRepo(db),
    sprints: sprintsRepo(db),
    definitionsOfDone: definitionsOfDoneRepo(db),
    poker: pokerRepo(db),
  };
}

export function createStore(pool: pg.Pool): Store {
  // One LISTEN connection per instance, shared by every live channel.
  const listen = new PgListenBridge(pool);
  return {
    read: reposFor(pool),
    transaction: (fn) => inTransaction(pool, (client) => fn(reposFor(client))),
    async idempotent(userId, key, route, fn) {
      const client = await pool.connect();
      try {
        // Serialise requests with the same key; a racing retry waits here, then replays.
        await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [`${userId}:${key}`]);
        const repo = reposFor(client).idempotency;
        const seen = await repo.get(userId, key);
        if (seen) {
          if (seen.route !== route) {
            throw new AppError('conflict', 'This Idempotency-Key was already used for a different request.', {
              'Idempotency-Key': 'Already used for another request',
            });
          }
          return { status: seen.status, body: seen.response, replayed: true };
        }
        const result = await fn();
        await repo.put(userId, key, route, result.status, result.body ?? null);
        return { ...result, replayed: false };
      } finally {
        await client
          .query('select pg_advisory_unlock(hashtextextended($1, 0))', [`${userId}:${key}`])
          .catch(() => undefined);
        client.release();
      }
    },
    listen,
    async ping() {
      await pool.query('select 1');
    },
    async close() {
      await listen.close();
      await pool.end();
    },
  };
}
