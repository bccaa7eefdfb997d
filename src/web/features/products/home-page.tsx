import { Link, Navigate } from 'react-router-dom';
import { lastProductKey } from '#web/app/product-layout.tsx';
import { EmptyState, ErrorState, Loading } from '#web/components/ui.tsx';
import { useMe, useProducts } from '#web/lib/queries.ts';

/** "/" opens the product used last; with no product yet it says what to do next. */
export function HomePage() {
  const products = useProducts();
  const me = useMe().data;
  if (products.isPending) return <Loading />;
  if (products.isError) return <ErrorState error={products.error} />;
  const last = lastProductKey();
  const target = products.data.find((p) => p.key === last) ?? products.data[0];
  if (target) return <Navigate to={`/p/${target.key}`} replace />;
  return (
    <div className="page">
      <EmptyState
        title={`Welcome, ${me?.user.name.split(' ')[0] ?? 'there'}`}
        action={
          <div className="form-row" style={{ justifyContent: 'center' }}>
            <Link className="btn btn-primary" to="/new-product">
              Create a product
            </Link>
            {me?.user.workspaceRole === 'admin' && (
              <Link className="btn" to="/admin/users">
                Invite people
              </Link>
            )}
          </div>
        }
      >
        You are not on any product yet. Create one and you become its Product Owner, or ask a Product Owner to
        add you to theirs.
      </EmptyState>
    </div>
  );
}
