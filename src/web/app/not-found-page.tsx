import { Link, useParams } from 'react-router-dom';
import { EmptyState } from '#web/components/ui.tsx';
import { useProduct } from './product-context.tsx';
import { productHomeFor, productNav } from './routes.tsx';

/**
 * Shown for an address that leads nowhere, including a product the user has no role on: we say
 * "not found" either way, so the page never reveals that a product exists (as the API does).
 */
export function NotFoundPage({ what = 'page' }: { what?: string }) {
  return (
    <div className="page">
      <EmptyState
        title={`This ${what} was not found`}
        action={
          <Link className="btn" to="/">
            Go to your products
          </Link>
        }
      >
        It may have been moved or deleted, or you may not have access to it. If someone sent you this link,
        ask them to add you to the product.
      </EmptyState>
    </div>
  );
}

/** A nav section whose feature has not registered its route yet. */
export function NotBuiltPage() {
  const { section } = useParams();
  const product = useProduct();
  const entry = productNav.find((n) => n.path === section);
  if (!entry) return <NotFoundPage />;
  return (
    <div className="page">
      <EmptyState
        title={`${entry.label} is coming soon`}
        action={
          productHomeFor(product.role) === section ? undefined : (
            <Link className="btn" to={`/p/${product.key}/${productHomeFor(product.role)}`}>
              Go to the product's home
            </Link>
          )
        }
      >
        {entry.blurb} This part of Tandem is not available in this version yet.
      </EmptyState>
    </div>
  );
}
