import type { BacklogSettingsRepo, ItemCommentsRepo, ItemLinksRepo, ItemsRepo } from './items/ports.ts';
import type { BacklogViewsRepo } from './items/views.ts';
import type { PokerRepo } from './poker/ports.ts';
import type {
  EventsRepo,
  IdempotencyRepo,
  IdempotentRequest,
  InvitesRepo,
  MembersRepo,
  ProductsRepo,
  SegmentsRepo,
  SessionsRepo,
  TokensRepo,
  UsersRepo,
  WorkspaceRepo,
} from './ports.ts';
import type { SprintItemWritesRepo, SprintsRepo } from './sprints/ports.ts';

/** Every repository, bound either to the pool (reads) or to one transaction (writes). */
export interface Repos {
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: TokensRepo;
  invites: InvitesRepo;
  products: ProductsRepo;
  members: MembersRepo;
  segments: SegmentsRepo;
  events: EventsRepo;
  workspace: WorkspaceRepo;
  idempotency: IdempotencyRepo;
  items: ItemsRepo;
  itemLinks: ItemLinksRepo;
  itemComments: ItemCommentsRepo;
  backlogSettings: BacklogSettingsRepo;
  backlogViews: BacklogViewsRepo;
  sprints: SprintsRepo;
  sprintItems: SprintItemWritesRepo;
  poker: PokerRepo;
}

export interface Store {
  /** Repositories on the pool, for reads that need no transaction. */
  read: Repos;
  /** Runs `fn` in one transaction: the change and its events commit together or not at all. */
  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` once per (user, key), exactly once even across a crash: the key is claimed, `fn`
   * runs and its response is stored in ONE transaction, which every `transaction` (and `read`)
   * inside `fn` joins. A retry with the same key, even one racing the first, waits for it and
   * gets its stored response; the same key with a different request is refused
   * (`idempotency_key_reused`). When `fn` fails nothing is kept, so a retry runs it again.
   */
  idempotent(
    userId: string,
    key: string,
    request: IdempotentRequest,
    fn: () => Promise<{ status: number; body: unknown }>,
  ): Promise<{ status: number; body: unknown; replayed: boolean }>;
  /** LISTEN on a channel across instances (live streams); resolves to a stop function. */
  listen?(
    channel: string,
    onMessage: (payload: string) => void,
    onLost: () => void,
  ): Promise<() => Promise<void>>;
  /** Checks the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
