import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  type HowManyBody,
  HowManyForecast,
  ReleaseLine,
  type WhenBody,
  WhenForecast,
} from '#contracts/forecasts.ts';
import { api, apiPath } from '#web/lib/api.ts';

export type WhenT = WhenForecast;
export type HowManyT = HowManyForecast;
export type BacktestT = WhenForecast['backtest'];
export type WhenBacktestT = WhenForecast['backtestWhen'];

const keys = {
  when: (productId: string, body: WhenBody) => ['products', productId, 'forecasts', 'when', body] as const,
  howMany: (productId: string, body: HowManyBody) =>
    ['products', productId, 'forecasts', 'how-many', body] as const,
  line: (productId: string) => ['products', productId, 'forecasts', 'release-line'] as const,
};

export const useWhen = (productId: string, body: WhenBody) =>
  useQuery({
    queryKey: keys.when(productId, body),
    queryFn: () => api.post(apiPath('products', productId, 'forecasts', 'when'), body, WhenForecast),
    placeholderData: keepPreviousData,
  });

export const useHowMany = (productId: string, body: HowManyBody | null) =>
  useQuery({
    queryKey: keys.howMany(productId, body ?? { date: '' }),
    queryFn: () => api.post(apiPath('products', productId, 'forecasts', 'how-many'), body, HowManyForecast),
    enabled: body !== null,
    placeholderData: keepPreviousData,
  });

export const useReleaseLine = (productId: string, enabled = true) =>
  useQuery({
    queryKey: keys.line(productId),
    queryFn: () => api.get(apiPath('products', productId, 'forecasts', 'release-line'), ReleaseLine),
    enabled,
  });

/** A small client-side CSV download. */
export function downloadCsv(name: string, rows: Array<Array<string | number>>) {
  const esc = (v: string | number) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const url = URL.createObjectURL(
    new Blob([rows.map((r) => r.map(esc).join(',')).join('\n')], { type: 'text/csv;charset=utf-8' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
