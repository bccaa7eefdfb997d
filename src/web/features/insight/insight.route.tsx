import { lazy, Suspense } from 'react';
import { Navigate, NavLink, Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '#web/app/not-found-page.tsx';
import { useProduct } from '#web/app/product-context.tsx';
import { type InsightView, insightViews } from './insight-views.ts';
import './insight.css';

// Made once: a lazy() created while rendering is thrown away with a suspended render (tab clicks
// navigate in a transition), so a view first opened from its tab would never appear.
const lazyViews = new Map(insightViews.map((v) => [v.path, lazy(v.load)]));

function ViewRoute({ view }: { view: InsightView }) {
  const View = lazyViews.get(view.path) ?? NotFoundPage;
  return (
    <Suspense fallback={<p className="muted">{view.blurb}</p>}>
      <View />
    </Suspense>
  );
}

/** /p/:productKey/insight/*: the figures behind the arguments, one tab per view. */
export function Component() {
  // Absolute: a relative link inside this splat route would resolve against the open view's URL.
  const { key } = useProduct();
  return (
    <div className="insight-page">
      <header className="insight-head">
        <h1>Insight</h1>
        <p className="muted">Every number links to the items, sprints and events behind it.</p>
        {insightViews.length > 0 && (
          <nav aria-label="Insight views" className="insight-tabs">
            {insightViews.map((v) => (
              <NavLink key={v.path} to={`/p/${key}/insight/${v.path}`} className="insight-tab">
                {v.label}
              </NavLink>
            ))}
          </nav>
        )}
      </header>
      <Routes>
        <Route
          index
          element={
            insightViews[0] ? (
              <Navigate to={insightViews[0].path} replace />
            ) : (
              <p className="muted">No insight views yet.</p>
            )
          }
        />
        {insightViews.map((v) => (
          <Route key={v.path} path={`${v.path}/*`} element={<ViewRoute view={v} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}
