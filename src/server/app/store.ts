import type { BacklogSettingsRepo, ItemCommentsRepo, ItemLinksRepo, ItemsRepo } from './items/ports.ts';
import type { BacklogViewsRepo } from './items/views.ts';
import type { PokerRepo } from './poker/ports.ts';
import type {
  EventsRepo,
  IdempotencyRepo,
  InvitesRepo,
  ListenBridge,
  MembersRepo,
  PasswordResetsRepo,
  ProductsRepo,
  SegmentsRepo,
  SessionsRepo,
  TokensRepo,
  UsersRepo,
  WorkspaceRepo,
} from './ports.ts';
import type { NoticesRepo, ReactionsRepo } from './reactions/ports.ts';
import type { DefinitionsOfDoneRepo, SprintsRepo } from './sprints/ports.ts';

/** Every repository, bound either to the pool (reads) or to one transaction (writes). */
export interface Repos {
  users: UsersRepo;
  sessions: SessionsRepo;
  tokens: TokensRepo;
  invites: InvitesRepo;
  passwordResets: PasswordResetsRepo;
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
  definitionsOfDone: DefinitionsOfDoneRepo;
  poker: PokerRepo;
  reactions: ReactionsRepo;
  notices: NoticesRepo;
}

export interface Store {
  /** Repositories on the pool, for reads that need no transaction. */
  read: Repos;
  /** Runs `fn` in one transaction: the change and its events commit together or not at all. */
  transaction<T>(fn: (repos: Repos) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` once per (user, key): a retry with the same Idempotency-Key, even one racing the
   * first, waits for it and gets its stored response instead of repeating the work.
   */
  idempotent(
    userId: string,
    key: string,
    route: string,
    fn: () => Promise<{ status: number; body: unknown }>,
  ): Promise<{ status: number; body: unknown; replayed: boolean }>;
  /** NOTIFYs from every instance (live streams, cache invalidation); absent in tests without one. */
  listen?: ListenBridge;
  /** Checks the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
