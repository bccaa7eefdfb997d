import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { User } from '#contracts/auth.ts';
import { Icon } from '#web/components/icons.tsx';
import { MenuButton } from '#web/components/menu.tsx';
import { Avatar } from '#web/components/ui.tsx';
import { api, apiPath } from '#web/lib/api.ts';
import { useTheme } from '#web/lib/theme.ts';

/** Signs out on the server, forgets every cached answer, and goes to the sign-in screen. */
export function useSignOut(): () => Promise<void> {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    await api.post(apiPath('auth', 'logout'), {}, null).catch(() => undefined);
    qc.clear();
    navigate('/signin', { replace: true });
  }, [qc, navigate]);
}

export function UserMenu({ user }: { user: User }) {
  const { effective, toggle } = useTheme();
  const signOut = useSignOut();
  return (
    <MenuButton
      placement="above"
      button={
        <>
          <Avatar name={user.name} />
          <span className="grow">
            <span className="sr-only">Account menu: </span>
            {user.name}
          </span>
        </>
      }
    >
      {(close) => (
        <>
          <div className="sidebar-heading">{user.email}</div>
          <Link to="/profile" className="menu-item" onClick={close}>
            Profile and API tokens
          </Link>
          <button type="button" className="menu-item" onClick={toggle}>
            <Icon name={effective === 'dark' ? 'sun' : 'moon'} />
            {effective === 'dark' ? 'Light theme' : 'Dark theme'}
          </button>
          <div className="menu-sep" />
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              close();
              void signOut();
            }}
          >
            Sign out
          </button>
        </>
      )}
    </MenuButton>
  );
}
