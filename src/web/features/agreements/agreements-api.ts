import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  AgreementDetail,
  AgreementList,
  type CreateAgreement,
  type ProposeVersion,
  type UpdateAgreement,
} from '#contracts/agreements.ts';
import { api, apiPath, newIdempotencyKey } from '#web/lib/api.ts';

export const agreementKeys = {
  list: (productId: string) => ['products', productId, 'agreements'] as const,
  one: (agreementId: string) => ['agreements', agreementId] as const,
};

export const useAgreements = (productId: string) =>
  useQuery({
    queryKey: agreementKeys.list(productId),
    queryFn: async () =>
      (await api.get(apiPath('products', productId, 'agreements'), AgreementList)).agreements,
  });

export const useAgreement = (agreementId: string) =>
  useQuery({
    queryKey: agreementKeys.one(agreementId),
    queryFn: () => api.get(apiPath('agreements', agreementId), AgreementDetail),
  });

export const agreementsApi = {
  create: (productId: string, body: z.input<typeof CreateAgreement>) =>
    api.post(apiPath('products', productId, 'agreements'), body, AgreementDetail, {
      idempotencyKey: newIdempotencyKey(),
    }),
  update: (agreementId: string, body: z.input<typeof UpdateAgreement>, version: number) =>
    api.patch(apiPath('agreements', agreementId), body, AgreementDetail, { ifMatch: version }),
  propose: (agreementId: string, body: z.input<typeof ProposeVersion>) =>
    api.post(apiPath('agreements', agreementId, 'versions'), body, AgreementDetail, {
      idempotencyKey: newIdempotencyKey(),
    }),
  comment: (agreementId: string, version: number, paragraph: number, text: string) =>
    api.post(
      apiPath('agreements', agreementId, 'versions', String(version), 'comments'),
      { paragraph, text },
      AgreementDetail,
      { idempotencyKey: newIdempotencyKey() },
    ),
  acknowledge: (agreementId: string) =>
    api.post(apiPath('agreements', agreementId, 'acknowledge'), {}, AgreementDetail),
};
