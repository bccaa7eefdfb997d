import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  type CreateRequestBody,
  ItemRequests,
  Portal,
  Request,
  RequestList,
  type RequestListQuery,
  type RequestStatus,
  type TriageBody,
  type UpdateRequestBody,
} from '#contracts/requests.ts';
import { api, apiPath, type WriteOptions } from '#web/lib/api.ts';

export type RequestT = z.infer<typeof Request>;
export type PortalT = z.infer<typeof Portal>;
export type RequestFilters = Partial<Pick<z.input<typeof RequestListQuery>, 'status' | 'segment' | 'sort'>>;

export const requestKeys = {
  all: (productId: string) => ['products', productId, 'requests'] as const,
  list: (productId: string, f: RequestFilters) => ['products', productId, 'requests', f] as const,
  portal: (productId: string) => ['products', productId, 'requests', 'portal'] as const,
  item: (itemId: string) => ['items', itemId, 'requests'] as const,
};

export const STATUS_TEXT: Record<RequestStatus, string> = {
  open: 'Waiting for the Product Owner',
  planned: 'Planned',
  declined: 'Declined',
  shipped: 'Shipped',
};

export const usePortal = (productId: string) =>
  useQuery({
    queryKey: requestKeys.portal(productId),
    queryFn: () => api.get(apiPath('products', productId, 'portal'), Portal),
  });

export const useRequests = (productId: string, f: RequestFilters) =>
  useQuery({
    queryKey: requestKeys.list(productId, f),
    queryFn: async () => {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(f)) if (v) qs.set(k, v);
      const path = `${apiPath('products', productId, 'requests')}${qs.size ? `?${qs}` : ''}`;
      return (await api.get(path, RequestList)).requests;
    },
  });

export const useItemRequests = (itemId: string, enabled: boolean) =>
  useQuery({
    queryKey: requestKeys.item(itemId),
    queryFn: () => api.get(apiPath('items', itemId, 'requests'), ItemRequests),
    enabled,
  });

export const requestsApi = {
  create: (productId: string, body: z.input<typeof CreateRequestBody>, opts: WriteOptions) =>
    api.post(apiPath('products', productId, 'requests'), body, Request, opts),
  support: (id: string) => api.post(apiPath('requests', id, 'support'), {}, Request),
  update: (id: string, version: number, body: z.input<typeof UpdateRequestBody>) =>
    api.patch(apiPath('requests', id), body, Request, { ifMatch: version }),
  triage: (id: string, body: z.input<typeof TriageBody>, opts: WriteOptions = {}) =>
    api.post(apiPath('requests', id, 'triage'), body, Request, opts),
};
