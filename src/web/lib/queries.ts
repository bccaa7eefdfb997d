import { useQuery } from '@tanstack/react-query';
import { ApiTokenList, Directory, Me, SetupStatus, UserList } from '#contracts/auth.ts';
import { SignInMethods } from '#contracts/integrations.ts';
import { EventList, MemberList, ProductList, SegmentList } from '#contracts/products.ts';
import { ApiError, api, apiPath } from './api.ts';

/** Query keys in one place so mutations invalidate exactly what they changed. */
export const keys = {
  setup: ['setup'] as const,
  me: ['me'] as const,
  products: ['products'] as const,
  members: (productId: string) => ['products', productId, 'members'] as const,
  segments: (productId: string) => ['products', productId, 'segments'] as const,
  events: (productId: string) => ['products', productId, 'events'] as const,
  users: ['users'] as const,
  tokens: ['me', 'tokens'] as const,
  signInMethods: ['auth', 'methods'] as const,
};

/** Password and / or single sign-on: what this workspace signs people in with. */
export const useSignInMethods = () =>
  useQuery({
    queryKey: keys.signInMethods,
    queryFn: () => api.get(apiPath('auth', 'methods'), SignInMethods),
    staleTime: 5 * 60_000,
  });

export const useSetupStatus = () =>
  useQuery({
    queryKey: keys.setup,
    queryFn: () => api.get(apiPath('setup'), SetupStatus),
    staleTime: 60_000,
  });

/** The signed-in user, or null when nobody is signed in (a 401 is an answer here, not an error). */
export const useMe = () =>
  useQuery({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return await api.get(apiPath('me'), Me);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 30_000,
  });

export const useProducts = (enabled = true) =>
  useQuery({
    queryKey: keys.products,
    queryFn: async () => (await api.get(apiPath('products'), ProductList)).products,
    enabled,
  });

export const useMembers = (productId: string) =>
  useQuery({
    queryKey: keys.members(productId),
    queryFn: async () => (await api.get(apiPath('products', productId, 'members'), MemberList)).members,
  });

export const useSegments = (productId: string) =>
  useQuery({
    queryKey: keys.segments(productId),
    queryFn: async () => (await api.get(apiPath('products', productId, 'segments'), SegmentList)).segments,
  });

/** Active people in the workspace; any signed-in user may read it (to add product members). */
export const useDirectory = (enabled = true) =>
  useQuery({
    queryKey: ['directory'],
    queryFn: async () => (await api.get(apiPath('directory'), Directory)).people,
    enabled,
  });

export const useUsers = (enabled = true) =>
  useQuery({
    queryKey: keys.users,
    queryFn: async () => (await api.get(apiPath('users'), UserList)).users,
    enabled,
  });

export const useTokens = () =>
  useQuery({
    queryKey: keys.tokens,
    queryFn: async () => (await api.get(apiPath('me', 'tokens'), ApiTokenList)).tokens,
  });

export const fetchEvents = (productId: string, cursor: string | null) =>
  api.get(
    `${apiPath('products', productId, 'events')}?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
    EventList,
  );
