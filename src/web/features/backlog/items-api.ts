import { z } from 'zod';
import { ImportPreview, ImportResult } from '#contracts/backlog-import.ts';
import {
  ApplyWsjfResult,
  CommentList,
  Comment as CommentSchema,
  InvestReport,
  ItemHistory,
  LinkList,
  RestoreOrderResult,
  WsjfOrder,
} from '#contracts/backlog-order.ts';
import {
  type CreateItemBody,
  Item,
  ItemList,
  MovedItem,
  type MoveItemBody,
  type UpdateItemBody,
} from '#contracts/items.ts';
import type { LinkKind } from '#domain/backlog/item-rules.ts';
import { api, apiPath } from '#web/lib/api.ts';
import { type BacklogView, listQuery } from './view-state.ts';

/**
 * Every backlog call the web app makes, in one file, so the paths match the API's in one place.
 * Responses are parsed with the shared contracts.
 */
export const PAGE_SIZE = 200;

export const backlogKeys = {
  all: (productId: string) => ['products', productId, 'items'] as const,
  list: (productId: string, viewKey: string) => ['products', productId, 'items', 'list', viewKey] as const,
  item: (itemId: string) => ['items', itemId] as const,
  history: (itemId: string) => ['items', itemId, 'history'] as const,
  invest: (itemId: string) => ['items', itemId, 'invest'] as const,
  comments: (itemId: string) => ['items', itemId, 'comments'] as const,
  links: (itemId: string) => ['items', itemId, 'links'] as const,
  wsjf: (productId: string) => ['products', productId, 'wsjf-order'] as const,
};

export const fetchItemPage = (
  productId: string,
  view: BacklogView,
  cursor: string | null,
  signal?: AbortSignal,
) =>
  api.get(`${apiPath('products', productId, 'items')}?${listQuery(view, cursor, PAGE_SIZE)}`, ItemList, {
    ...(signal ? { signal } : {}),
  });

export const fetchItem = (itemId: string) => api.get(apiPath('items', itemId), Item);

export const createItem = (productId: string, body: CreateItemBody, idempotencyKey: string) =>
  api.post(apiPath('products', productId, 'items'), body, Item, { idempotencyKey });

export const updateItem = (itemId: string, patch: UpdateItemBody, version: number) =>
  api.patch(apiPath('items', itemId), patch, Item, { ifMatch: version });

/** The move answers with the item's new order key (the item itself is unchanged). */
export const moveItem = (itemId: string, body: MoveItemBody) =>
  api.post(apiPath('items', itemId, 'move'), body, MovedItem);

export const fetchHistory = (itemId: string) => api.get(apiPath('items', itemId, 'history'), ItemHistory);
export const fetchInvest = (itemId: string) => api.get(apiPath('items', itemId, 'invest'), InvestReport);
export const fetchComments = (itemId: string) => api.get(apiPath('items', itemId, 'comments'), CommentList);
export const postComment = (itemId: string, body: string, idempotencyKey: string) =>
  api.post(apiPath('items', itemId, 'comments'), { body }, CommentSchema, { idempotencyKey });
export const fetchLinks = (itemId: string) => api.get(apiPath('items', itemId, 'links'), LinkList);
export const createLink = (itemId: string, kind: LinkKind, toItemId: string) =>
  api.post(apiPath('items', itemId, 'links'), { kind, toItemId }, null);
export const deleteLink = (itemId: string, linkId: string) =>
  api.delete(apiPath('items', itemId, 'links', linkId));

export const fetchWsjfOrder = (productId: string) =>
  api.get(apiPath('products', productId, 'wsjf-order'), WsjfOrder);
export const applyWsjfOrder = (productId: string) =>
  api.post(apiPath('products', productId, 'wsjf-order', 'apply'), {}, ApplyWsjfResult);
/** Undo of an applied order: the changes the apply answered, sent back as one change. */
export const restoreOrder = (productId: string, changes: ApplyWsjfResult['changes']) =>
  api.post(apiPath('products', productId, 'order', 'restore'), { changes }, RestoreOrderResult);

export interface ImportRequest {
  csv: string;
  mapping?: Record<string, string> | undefined;
}
export const previewImport = (productId: string, body: ImportRequest) =>
  api.post(apiPath('products', productId, 'items', 'import', 'preview'), body, ImportPreview);
export const commitImport = (productId: string, body: ImportRequest, idempotencyKey: string) =>
  api.post(apiPath('products', productId, 'items', 'import'), body, ImportResult, { idempotencyKey });

export const exportUrl = (productId: string, format: 'csv' | 'json') =>
  `${apiPath('products', productId, 'items', 'export')}?format=${format}`;

const FeatureFiles = z.object({ files: z.array(z.object({ name: z.string(), content: z.string() })) });
export const fetchFeatureFiles = (productId: string) =>
  api.get(`${apiPath('products', productId, 'items', 'export')}?format=feature`, FeatureFiles);
