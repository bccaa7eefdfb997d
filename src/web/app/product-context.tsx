import { createContext, useContext } from 'react';
import type { Product } from '#contracts/products.ts';
import { hasRole, type ProductRole } from '#domain/roles.ts';

/** The product the current page is about; features read it with `useProduct()`. */
export const ProductContext = createContext<Product | null>(null);

export function useProduct(): Product {
  const p = useContext(ProductContext);
  if (!p) throw new Error('useProduct() is only available under /p/:productKey');
  return p;
}

/** Whether the caller's role on the current product is one of `roles` (hide what they cannot do). */
export function useCan(roles: readonly ProductRole[]): boolean {
  return hasRole(useProduct().role, roles);
}
