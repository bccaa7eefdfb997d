import { Link } from 'react-router-dom';
import { Icon } from '#web/components/icons.tsx';
import { MenuButton } from '#web/components/menu.tsx';
import { useProducts } from '#web/lib/queries.ts';

/** The product switcher at the top of the sidebar: current product, the others, and "New product". */
export function ProductSwitcher({ currentKey }: { currentKey: string | undefined }) {
  const products = useProducts().data ?? [];
  const current = products.find((p) => p.key.toLowerCase() === currentKey?.toLowerCase());
  return (
    <MenuButton
      className="switcher"
      button={
        <>
          <span className="switcher-mark" aria-hidden="true">
            {(current?.key ?? 'T').slice(0, 2)}
          </span>
          <span className="grow">
            <span className="sr-only">Switch product, current: </span>
            {current?.name ?? 'Tandem'}
          </span>
          <Icon name="chevron" size={14} />
        </>
      }
    >
      {(close) => (
        <>
          {products.length > 0 && <div className="sidebar-heading">Your products</div>}
          {products.map((p) => (
            <Link
              key={p.id}
              to={`/p/${p.key}`}
              className="menu-item"
              onClick={close}
              aria-current={p.id === current?.id ? 'page' : undefined}
            >
              <span className="switcher-mark" aria-hidden="true">
                {p.key.slice(0, 2)}
              </span>
              <span className="grow">{p.name}</span>
              <span className="muted mono">{p.key}</span>
            </Link>
          ))}
          {products.length > 0 && <div className="menu-sep" />}
          <Link to="/new-product" className="menu-item" onClick={close}>
            <Icon name="plus" />
            New product
          </Link>
        </>
      )}
    </MenuButton>
  );
}
