import { useCallback, useSyncExternalStore } from 'react';

/** 'system' follows the OS; an explicit choice is kept in this browser only (localStorage). */
export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'tandem.theme';
const listeners = new Set<() => void>();

export function readTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Sets data-theme on <html>; the CSS follows prefers-color-scheme when the attribute is absent. */
export function applyTheme(choice: ThemeChoice = readTheme()): void {
  const root = document.documentElement;
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
}

export function setTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  applyTheme(choice);
  for (const l of listeners) l();
}

/** The effective theme right now (what the user sees). */
export function effectiveTheme(): 'light' | 'dark' {
  const c = readTheme();
  if (c !== 'system') return c;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function useTheme(): { choice: ThemeChoice; effective: 'light' | 'dark'; toggle(): void } {
  const choice = useSyncExternalStore((cb) => {
    listeners.add(cb);
    return () => listeners.delete(cb);
  }, readTheme);
  const toggle = useCallback(() => setTheme(effectiveTheme() === 'dark' ? 'light' : 'dark'), []);
  return { choice, effective: choice === 'system' ? effectiveTheme() : choice, toggle };
}
