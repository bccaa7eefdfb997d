import { useEffect } from 'react';
import { Navigate, Outlet, useLocation, useParams } from 'react-router-dom';
import { hasRole, type ProductRole, ROLES } from '#domain/roles.ts';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { useProducts } from '#web/lib/queries.ts';
import { useLiveActivity } from './live-activity.ts';
import { NotFoundPage } from './not-found-page.tsx';
import { ProductContext, useProduct } from './product-context.tsx';
import { productHomeFor, productNav } from './routes.tsx';

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
  // Other people's changes to this product appear without a reload (the activity stream is
  // internal work: stakeholders' pages refresh their own way).
  useLiveActivity(product && hasRole(product.role, ROLES.readers) ? product.id : undefined);
  // The first path segment under /p/:productKey/ (this layout does not see its children's params).
  const section = useLocation().pathname.split('/')[3] ?? '';
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
  // A page of the other audience (a stakeholder on the backlog, say) leads to the role's home.
  if (!sectionOpenTo(section, product.role))
    return <Navigate to={`/p/${product.key}/${productHomeFor(product.role)}`} replace />;
  return (
    <ProductContext.Provider value={product}>
      <Outlet />
    </ProductContext.Provider>
  );
}

/**
 * Whether a role may open a section. Customers only their own pages (a nav section of the internal
 * work sends them home); the readers anywhere (the PO may look at the portal), each route decides.
 */
function sectionOpenTo(section: string, role: ProductRole): boolean {
  if (hasRole(role, ROLES.readers)) return true;
  const entry = productNav.find((n) => n.path === section);
  return !entry || entry.roles.includes(role);
}

/** The product's index: the caller's home for it. */
export function ProductHome() {
  const product = useProduct();
  return <Navigate to={productHomeFor(product.role)} replace />;
}
