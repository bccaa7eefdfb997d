import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { ItemList } from '#contracts/items.ts';
import {
  Ballot,
  type CreateReleaseBody,
  type OpenVoteBody,
  ReleaseDetail,
  ReleaseList,
  VoteResults,
} from '#contracts/releases.ts';
import { api, apiPath, newIdempotencyKey } from '#web/lib/api.ts';

export const voteKeys = {
  releases: (productId: string) => ['products', productId, 'releases'] as const,
  release: (releaseId: string) => ['releases', releaseId] as const,
  ballot: (releaseId: string) => ['releases', releaseId, 'ballot'] as const,
  results: (releaseId: string) => ['releases', releaseId, 'results'] as const,
  openItems: (productId: string) => ['products', productId, 'items', 'open-for-vote'] as const,
};

export const useReleases = (productId: string) =>
  useQuery({
    queryKey: voteKeys.releases(productId),
    queryFn: async () => (await api.get(apiPath('products', productId, 'releases'), ReleaseList)).releases,
  });

export const useRelease = (releaseId: string) =>
  useQuery({
    queryKey: voteKeys.release(releaseId),
    queryFn: () => api.get(apiPath('releases', releaseId), ReleaseDetail),
  });

export const useBallot = (releaseId: string) =>
  useQuery({
    queryKey: voteKeys.ballot(releaseId),
    queryFn: () => api.get(apiPath('releases', releaseId, 'votes', 'me'), Ballot),
  });

export const useResults = (releaseId: string, enabled: boolean) =>
  useQuery({
    queryKey: voteKeys.results(releaseId),
    queryFn: () => api.get(apiPath('releases', releaseId, 'votes'), VoteResults),
    enabled,
    refetchInterval: 15_000,
  });

/** The open backlog in the PO's order: what candidates are picked from. */
export const useOpenItems = (productId: string, enabled: boolean) =>
  useQuery({
    queryKey: voteKeys.openItems(productId),
    queryFn: async () =>
      (
        await api.get(
          `${apiPath('products', productId, 'items')}?status=new,ready,in_progress&sort=rank&limit=200`,
          ItemList,
        )
      ).items,
    enabled,
  });

export const votesApi = {
  create: (productId: string, body: z.input<typeof CreateReleaseBody>) =>
    api.post(apiPath('products', productId, 'releases'), body, ReleaseDetail, {
      idempotencyKey: newIdempotencyKey(),
    }),
  update: (releaseId: string, body: { name?: string; targetDate?: string | null }, version: number) =>
    api.patch(apiPath('releases', releaseId), body, ReleaseDetail, { ifMatch: version }),
  ship: (releaseId: string) => api.post(apiPath('releases', releaseId, 'ship'), {}, ReleaseDetail),
  openVote: (releaseId: string, body: z.input<typeof OpenVoteBody>) =>
    api.put(apiPath('releases', releaseId, 'vote'), body, ReleaseDetail),
  saveVotes: (releaseId: string, votes: Array<{ itemId: string; points: number }>) =>
    api.put(apiPath('releases', releaseId, 'votes', 'me'), { votes }, null),
};
