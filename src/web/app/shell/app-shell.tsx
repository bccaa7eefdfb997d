import { useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useMatch } from 'react-router-dom';
import { setPaletteOpen } from '#web/app/commands.ts';
import { productNavFor } from '#web/app/routes.tsx';
import { Icon } from '#web/components/icons.tsx';
import { NotificationBell, useLiveBell } from '#web/features/activity/bell.tsx';
import { useMe, useProducts } from '#web/lib/queries.ts';
import { CommandPalette } from './command-palette.tsx';
import { ProductSwitcher } from './product-switcher.tsx';
import { useShellCommands } from './shell-commands.ts';
import { UserMenu } from './user-menu.tsx';

/** Sidebar (product switcher, product nav, workspace, user menu) + page; a drawer on phones. */
export function AppShell() {
  const me = useMe().data;
  const match = useMatch('/p/:productKey/*');
  const productKey = match?.params.productKey;
  const product = useProducts().data?.find((p) => p.key.toLowerCase() === productKey?.toLowerCase());
  const nav = productNavFor(product?.role);
  const [drawer, setDrawer] = useState(false);
  const location = useLocation();
  useShellCommands(productKey);
  useLiveBell(Boolean(me));
  // Following a link in the drawer closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation on purpose
  useEffect(() => setDrawer(false), [location.pathname]);
  if (!me) return null;
  const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

  return (
    <div className="shell" data-drawer={drawer ? 'open' : 'closed'}>
      <header className="topbar">
        <button
          type="button"
          className="btn btn-ghost"
          aria-label="Open navigation"
          aria-expanded={drawer}
          onClick={() => setDrawer(true)}
        >
          <Icon name="menu" />
        </button>
        <Link to="/" className="brand" style={{ color: 'var(--text)' }}>
          {product?.name ?? 'Tandem'}
        </Link>
        <NotificationBell />
      </header>
      {drawer && <div className="scrim" aria-hidden="true" onClick={() => setDrawer(false)} />}
      <nav className="sidebar" aria-label="Main">
        <ProductSwitcher currentKey={productKey} />
        <button type="button" className="search-hint" onClick={() => setPaletteOpen(true)}>
          <Icon name="search" size={14} />
          <span className="grow">Search…</span>
          <kbd className="hide-phone">{isMac ? '⌘K' : 'Ctrl K'}</kbd>
        </button>
        {productKey && (
          <div className="sidebar-group">
            <div className="sidebar-heading" id="product-nav-heading">
              Product
            </div>
            <ul
              className="sidebar-group"
              aria-labelledby="product-nav-heading"
              style={{ margin: 0, padding: 0 }}
            >
              {nav.map((n) => (
                <li key={n.path} style={{ listStyle: 'none' }}>
                  <NavLink
                    className="nav-link"
                    to={`/p/${productKey}/${n.path}`}
                    // "Backlog" is not also lit on its nested "Backlog board" page.
                    end={nav.some((o) => o.path.startsWith(`${n.path}/`))}
                  >
                    <Icon name={n.icon} />
                    {n.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        )}
        {me.user.workspaceRole === 'admin' && (
          <div className="sidebar-group">
            <div className="sidebar-heading">Workspace</div>
            <NavLink className="nav-link" to="/admin/users">
              <Icon name="users" />
              People
            </NavLink>
            <NavLink className="nav-link" to="/admin/jobs">
              <Icon name="settings" />
              Failed reactions
            </NavLink>
            <NavLink className="nav-link" to="/admin/mail">
              <Icon name="bell" />
              Mail
            </NavLink>
          </div>
        )}
        <div className="hide-phone">
          <NotificationBell placement="right" />
        </div>
        <div className="sidebar-spacer" />
        <UserMenu user={me.user} />
      </nav>
      <main className="main" id="main">
        <Outlet />
      </main>
      <CommandPalette />
    </div>
  );
}
