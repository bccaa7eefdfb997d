import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ErrorState, Loading } from '#web/components/ui.tsx';
import { useMe, useSetupStatus } from '#web/lib/queries.ts';

/** Sends a first run to setup and a signed-out visitor to sign-in, remembering where they were going. */
export function RequireAuth() {
  const setup = useSetupStatus();
  const me = useMe();
  const location = useLocation();
  if (setup.isPending || me.isPending) return <Loading />;
  if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
  if (me.isError) return <ErrorState error={me.error} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
