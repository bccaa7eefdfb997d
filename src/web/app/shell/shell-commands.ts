import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { hasRole, ROLES } from '#domain/roles.ts';
import { type Command, useCommands } from '#web/app/commands.ts';
import { productNavFor } from '#web/app/routes.tsx';
import { useMe, useProducts } from '#web/lib/queries.ts';
import { effectiveTheme, setTheme } from '#web/lib/theme.ts';
import { useSignOut } from './user-menu.tsx';

/** The commands the shell always offers: go to a section, switch product, theme, account. */
export function useShellCommands(productKey: string | undefined): void {
  const navigate = useNavigate();
  const products = useProducts().data;
  const me = useMe().data;
  const signOut = useSignOut();
  const commands = useMemo<Command[]>(() => {
    const list: Command[] = [];
    const role = products?.find((p) => p.key.toLowerCase() === productKey?.toLowerCase())?.role;
    if (productKey) {
      for (const n of productNavFor(role))
        list.push({
          id: `nav.${n.path}`,
          title: `Go to ${n.label}`,
          group: 'Navigation',
          run: () => navigate(`/p/${productKey}/${n.path}`),
        });
      // Two boards, named apart: "Backlog board" above is every item by status; this one is
      // the running sprint's board (with the Definition of Done and the PO's review).
      if (hasRole(role, ROLES.readers))
        list.push({
          id: 'nav.sprints.current',
          title: 'Go to Sprint board',
          group: 'Navigation',
          keywords: 'current running active sprint',
          run: () => navigate(`/p/${productKey}/sprints/current`),
        });
    }
    for (const p of products ?? [])
      list.push({
        id: `product.${p.id}`,
        title: `Switch to ${p.name}`,
        group: 'Products',
        keywords: p.key,
        run: () => navigate(`/p/${p.key}`),
      });
    list.push({
      id: 'product.new',
      title: 'Create product',
      group: 'Products',
      run: () => navigate('/new-product'),
    });
    if (me?.user.workspaceRole === 'admin')
      list.push({
        id: 'admin.users',
        title: 'Manage people',
        group: 'Workspace',
        keywords: 'users invite',
        run: () => navigate('/admin/users'),
      });
    list.push(
      {
        id: 'theme.toggle',
        title: 'Toggle light / dark theme',
        group: 'Account',
        run: () => setTheme(effectiveTheme() === 'dark' ? 'light' : 'dark'),
      },
      {
        id: 'account.profile',
        title: 'Profile and API tokens',
        group: 'Account',
        run: () => navigate('/profile'),
      },
      { id: 'account.signout', title: 'Sign out', group: 'Account', run: () => void signOut() },
    );
    return list;
  }, [productKey, products, me, navigate, signOut]);
  useCommands(commands);
}
