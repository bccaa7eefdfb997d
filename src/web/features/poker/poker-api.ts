import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { type CreatePokerBody, MyVote, PokerSession, PokerSessionList } from '#contracts/poker.ts';
import { api, apiPath, type WriteOptions } from '#web/lib/api.ts';

export type PokerSessionT = z.infer<typeof PokerSession>;
export type PokerScale = z.infer<typeof CreatePokerBody>['scale'];

export const pokerKeys = {
  list: (productId: string) => ['products', productId, 'poker'] as const,
  session: (sessionId: string) => ['poker', sessionId] as const,
  /** `round` is the item and its round ("itemId:2"): rounds count per item. */
  myVote: (sessionId: string, round: string) => ['poker', sessionId, 'my-vote', round] as const,
};

const sessionPath = (id: string, ...rest: string[]) => apiPath('poker', id, ...rest);

export const usePokerSessions = (productId: string) =>
  useQuery({
    queryKey: pokerKeys.list(productId),
    queryFn: async () => (await api.get(apiPath('products', productId, 'poker'), PokerSessionList)).sessions,
  });

export const usePokerSession = (sessionId: string) =>
  useQuery({
    queryKey: pokerKeys.session(sessionId),
    queryFn: () => api.get(sessionPath(sessionId), PokerSession),
  });

/** The caller's own card in the current round: only they see it before the reveal. */
export const useMyVote = (sessionId: string, round: string, enabled: boolean) =>
  useQuery({
    queryKey: pokerKeys.myVote(sessionId, round),
    queryFn: async () => (await api.get(sessionPath(sessionId, 'my-vote'), MyVote)).value,
    enabled,
  });

export const pokerApi = {
  open: (productId: string, body: z.input<typeof CreatePokerBody>, opts: WriteOptions) =>
    api.post(apiPath('products', productId, 'poker'), body, PokerSession, opts),
  vote: (id: string, value: string) => api.post(sessionPath(id, 'votes'), { value }, PokerSession),
  reveal: (id: string) => api.post(sessionPath(id, 'reveal'), {}, PokerSession),
  revote: (id: string) => api.post(sessionPath(id, 'revote'), {}, PokerSession),
  select: (id: string, itemId: string) => api.post(sessionPath(id, 'select'), { itemId }, PokerSession),
  agree: (id: string, value: string) => api.post(sessionPath(id, 'agree'), { value }, PokerSession),
  close: (id: string) => api.post(sessionPath(id, 'close'), {}, PokerSession),
};

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/**
 * Keeps the session's query data current from the server-sent event stream: every change anyone
 * makes arrives as the whole public session (never a vote value before reveal). EventSource
 * reconnects by itself; the first message after (re)connecting is the current state, so a reload
 * or a late joiner sees exactly what everyone else sees.
 */
export function usePokerStream(sessionId: string): LiveStatus {
  const qc = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  useEffect(() => {
    const es = new EventSource(sessionPath(sessionId, 'stream'), { withCredentials: true });
    const onData = (e: MessageEvent<string>) => {
      let json: unknown;
      try {
        json = JSON.parse(e.data);
      } catch {
        return;
      }
      const parsed = PokerSession.safeParse(json);
      if (parsed.success) qc.setQueryData(pokerKeys.session(sessionId), parsed.data);
    };
    es.onopen = () => setStatus('live');
    es.onerror = () => setStatus('reconnecting');
    es.onmessage = onData;
    es.addEventListener('session', onData as EventListener);
    es.addEventListener('state', onData as EventListener);
    return () => es.close();
  }, [qc, sessionId]);
  return status;
}
