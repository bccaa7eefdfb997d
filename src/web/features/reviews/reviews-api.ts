import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  Answer,
  type AnswerBody,
  FeedbackForm,
  FeedbackTrend,
  Invitations,
  ItemFeedback,
  Review,
  ReviewList,
  ReviewResults,
  ReviewSummary,
} from '#contracts/reviews.ts';
import { api, apiPath } from '#web/lib/api.ts';

/**
 * Query keys of reviews with customers. They deliberately do not name the product or the review
 * id as bare strings: every answer is an event, and the live activity stream refetches queries
 * naming the changed entity; the results come by their own stream instead (useLiveResults).
 */
export const reviewKeys = {
  list: (productId: string) => ['customer-reviews', `product:${productId}`] as const,
  one: (reviewId: string) => ['customer-reviews', `review:${reviewId}`] as const,
  results: (reviewId: string) => ['customer-reviews', `results:${reviewId}`] as const,
  summary: (reviewId: string) => ['customer-reviews', `summary:${reviewId}`] as const,
  myForm: (reviewId: string) => ['customer-reviews', `form:${reviewId}`] as const,
  link: (token: string) => ['feedback-link', token] as const,
  trend: (productId: string) => ['customer-reviews', `trend:${productId}`] as const,
  item: (itemId: string) => ['customer-reviews', `item:${itemId}`] as const,
};

export const useReviews = (productId: string, enabled = true) =>
  useQuery({
    queryKey: reviewKeys.list(productId),
    queryFn: async () => (await api.get(apiPath('products', productId, 'reviews'), ReviewList)).reviews,
    enabled,
  });

export const useReview = (reviewId: string, enabled = true) =>
  useQuery({
    queryKey: reviewKeys.one(reviewId),
    queryFn: () => api.get(apiPath('reviews', reviewId), Review),
    enabled,
  });

export const useSummary = (reviewId: string, enabled: boolean) =>
  useQuery({
    queryKey: reviewKeys.summary(reviewId),
    queryFn: () => api.get(apiPath('reviews', reviewId, 'summary'), ReviewSummary),
    enabled,
  });

export const useTrend = (productId: string) =>
  useQuery({
    queryKey: reviewKeys.trend(productId),
    queryFn: () => api.get(apiPath('products', productId, 'feedback-trend'), FeedbackTrend),
  });

export const useItemFeedback = (itemId: string) =>
  useQuery({
    queryKey: reviewKeys.item(itemId),
    queryFn: () => api.get(apiPath('items', itemId, 'feedback'), ItemFeedback),
  });

export const useMyForm = (reviewId: string, enabled: boolean) =>
  useQuery({
    queryKey: reviewKeys.myForm(reviewId),
    queryFn: () => api.get(apiPath('reviews', reviewId, 'feedback', 'me'), FeedbackForm),
    enabled,
    retry: false,
  });

export const useLinkForm = (token: string) =>
  useQuery({
    queryKey: reviewKeys.link(token),
    queryFn: () => api.get(apiPath('feedback', token), FeedbackForm),
    retry: false,
    refetchOnWindowFocus: false,
  });

export const saveByLink = (token: string, itemId: string, body: AnswerBody) =>
  api.put(apiPath('feedback', token, 'increments', itemId), body, Answer);

export const saveAsMember = (reviewId: string, itemId: string, body: AnswerBody) =>
  api.put(apiPath('reviews', reviewId, 'feedback', itemId), body, Answer);

export function useOpenReview(productId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (sprintId: string) => api.post(apiPath('sprints', sprintId, 'review'), {}, Review),
    onSuccess: (r) => {
      qc.setQueryData(reviewKeys.one(r.id), r);
      void qc.invalidateQueries({ queryKey: reviewKeys.list(productId) });
    },
  });
}

export const invite = (reviewId: string, body: { userIds?: string[]; segmentIds?: string[] }) =>
  api.post(apiPath('reviews', reviewId, 'invitations'), body, Invitations);

export const editIncrement = (reviewId: string, itemId: string, whatChanged: string, version: number) =>
  api.patch(apiPath('reviews', reviewId, 'increments', itemId), { whatChanged }, Review, {
    ifMatch: version,
  });

export const closeReview = (reviewId: string) => api.post(apiPath('reviews', reviewId, 'close'), {}, Review);

/**
 * The review's results, live: the first value from GET, then every push of the results stream
 * (the server sends at most one per 250 ms however many answers arrive).
 */
export function useLiveResults(reviewId: string, live: boolean) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: reviewKeys.results(reviewId),
    queryFn: () => api.get(apiPath('reviews', reviewId, 'results'), ReviewResults),
  });
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!live || typeof EventSource === 'undefined') return;
    const source = new EventSource(apiPath('reviews', reviewId, 'results', 'stream'));
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('results', (msg) => {
      const parsed = ReviewResults.safeParse(JSON.parse((msg as MessageEvent<string>).data));
      if (parsed.success) qc.setQueryData(reviewKeys.results(reviewId), parsed.data);
    });
    return () => source.close();
  }, [reviewId, live, qc]);
  return { ...query, connected };
}
