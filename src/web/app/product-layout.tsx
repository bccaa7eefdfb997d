import { useEffect } from 'react';
import { Outlet, useParams } from 'react-router-dom';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { useProducts } from '#web/lib/queries.ts';
import { useLiveActivity } from './live-activity.ts';
import { NotFoundPage } from './not-found-page.tsx';
import { ProductContext } from './product-context.tsx';

const LAST_PRODUCT = 'tandem.lastProduct';

export function lastProductKey(): string | null {
  try {
    return localStorage.getItem(LAST_PRODUCT);
  } catch {
    return null;
  }
}

/** Resolves /p/:productKey among the caller's products; anything else is "not found". */
export function ProductLayout() {
  const { productKey = '' } = useParams();
  const products = useProducts();
  const product = products.data?.find((p) => p.key.toLowerCase() === productKey.toLowerCase());
  // Other people's changes to this product appear without a reload.
  useLiveActivity(product?.id);
  useEffect(() => {
    if (!product) return;
    try {
      localStorage.setItem(LAST_PRODUCT, product.key);
    } catch {
      // No storage: the home page falls back to the first product.
    }
  }, [product]);
  if (products.isPending) return <Loading />;
  if (products.isError) return <ErrorState error={products.error} />;
  if (!product) return <NotFoundPage what="product" />;
  return (
    <ProductContext.Provider value={product}>
      <Outlet />
    </ProductContext.Provider>
  );
}
