import { Link } from 'react-router-dom';

/** "← Sprints": the way back up, above the page title (kept out of the h1 so the heading is just the name). */
export function Crumb({ to, label }: { to: string; label: string }) {
  return (
    <nav aria-label="Breadcrumb" style={{ marginBottom: 'calc(-1 * var(--space-2))' }}>
      <Link to={to} relative="path" className="muted">
        ← {label}
      </Link>
    </nav>
  );
}
