import { Navigate } from 'react-router-dom';
import { useProduct } from '#web/app/product-context.tsx';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { useSprints } from './sprints-api.ts';

/**
 * /p/:key/sprints/current: the sprint board of the running sprint (the command palette's "Go to
 * Sprint board"). With none running, the sprint list, which says what to plan or start.
 */
export function CurrentSprintRedirect() {
  const product = useProduct();
  const sprints = useSprints(product.id);
  if (sprints.isPending) return <Loading />;
  if (sprints.isError) return <ErrorState error={sprints.error} />;
  const active = sprints.data.find((s) => s.state === 'active');
  return <Navigate to={active ? `../${active.id}` : '..'} replace relative="path" />;
}
