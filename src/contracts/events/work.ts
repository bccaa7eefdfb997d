import { z } from 'zod';
import { SCALE_KINDS } from '#domain/poker/scales.ts';
import {
  BacklogSettingsRow,
  BacklogViewRow,
  event,
  ItemChange,
  ItemFields,
  id,
  ScopeChange,
  SprintFields,
  str,
} from './fields.ts';

/** Backlog items, sprints and planning poker. */
export const WORK_EVENTS = [
  // Backlog items
  event('item.created', 'item', {
    after: z.strictObject({ key: str, ...ItemFields.omit({ externalId: true }).shape }),
  }),
  event('item.updated', 'item', { before: ItemChange, after: ItemChange }),
  event('item.deleted', 'item', { before: z.strictObject({ key: str, title: str }) }),
  /** Written by the items repository's moveMany, in the same statement as the move. */
  event('item.moved', 'item', {
    after: z.strictObject({ before: id.optional(), after: id.optional(), rank: str }),
  }),
  event('item.commented', 'item', {
    after: z.strictObject({ commentId: id, key: str, mentions: z.array(id) }),
  }),
  event('item.linked', 'item', { after: z.strictObject({ links: str }) }),
  event('item.unlinked', 'item', { before: z.strictObject({ links: str }) }),
  event('item.imported', 'item', { after: z.strictObject({ title: str, externalId: str.nullable() }) }),
  event('item.reimported', 'item', { before: ItemFields.partial(), after: ItemFields.partial() }),
  event('backlog.reordered_by_wsjf', 'backlog', {
    after: z.strictObject({
      moves: z.array(z.strictObject({ id, afterId: id.nullable() })),
    }),
  }),
  /** The PO undid an applied order: the moved items got back the keys they had before. */
  event('backlog.order_restored', 'backlog', {
    after: z.strictObject({ moves: z.array(z.strictObject({ id, rank: str })) }),
  }),
  event('backlog.settings_changed', 'backlog_settings', {
    before: BacklogSettingsRow,
    after: BacklogSettingsRow,
  }),
  event('backlog_view.created', 'backlog_view', { after: BacklogViewRow }),
  event('backlog_view.replaced', 'backlog_view', { after: BacklogViewRow }),
  event('backlog_view.deleted', 'backlog_view', { before: BacklogViewRow }),

  // Sprints
  event('sprint.created', 'sprint', { after: SprintFields }),
  event('sprint.updated', 'sprint', { before: SprintFields.partial(), after: SprintFields.partial() }),
  event('sprint.item_added', 'sprint', { after: ScopeChange }),
  event('sprint.item_removed', 'sprint', { after: ScopeChange }),
  event('sprint.started', 'sprint', {
    after: z.strictObject({
      committedPoints: z.number(),
      items: z.number(),
      forecastPoints: z.number().nullable(),
      overForecast: z.boolean(),
      confirmedOverForecastBy: id.nullable(),
    }),
  }),
  event('sprint.closed', 'sprint', {
    after: z.strictObject({
      completedPoints: z.number(),
      carriedOver: z.array(str),
      to: z.union([z.literal('backlog'), z.strictObject({ sprintId: id, name: str })]),
    }),
  }),
  event('definition_of_done.updated', 'product', {
    before: z.strictObject({ checklist: z.array(str) }),
    after: z.strictObject({ checklist: z.array(str) }),
  }),

  // Planning poker
  event('poker.opened', 'poker', {
    after: z.strictObject({ itemIds: z.array(id), scale: z.enum(SCALE_KINDS) }),
  }),
] as const;
