import { useEffect, useSyncExternalStore } from 'react';

/**
 * The command palette's registry (Ctrl/Cmd-K). Any screen registers the commands that make sense
 * while it is mounted; they disappear when it unmounts. A feature adds commands like this:
 *
 *   const commands = useMemo<Command[]>(() => [
 *     { id: 'backlog.create', title: 'Create item', group: 'Backlog', shortcut: 'C', run: openCreate },
 *   ], [openCreate]);
 *   useCommands(commands);
 *
 * Keep the array stable (useMemo), or it re-registers on every render.
 */
export interface Command {
  /** Unique across the app, e.g. 'backlog.create'. A later registration with the same id wins. */
  id: string;
  title: string;
  /** Heading the command is listed under, e.g. 'Navigation', 'Backlog'. */
  group?: string;
  /** Extra words the filter matches (synonyms), not shown. */
  keywords?: string;
  /** Shown beside the title as a hint; the feature binds the key itself. */
  shortcut?: string;
  run: () => void;
}

type Listener = () => void;
const sources = new Map<number, readonly Command[]>();
const listeners = new Set<Listener>();
let nextSource = 1;
let snapshot: readonly Command[] = [];
let paletteOpen = false;

function emit() {
  const byId = new Map<string, Command>();
  for (const list of sources.values()) for (const c of list) byId.set(c.id, c);
  snapshot = [...byId.values()];
  for (const l of listeners) l();
}

const subscribe = (l: Listener) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Registers `commands` while the calling component is mounted. */
export function useCommands(commands: readonly Command[]): void {
  useEffect(() => {
    const source = nextSource++;
    sources.set(source, commands);
    emit();
    return () => {
      sources.delete(source);
      emit();
    };
  }, [commands]);
}

export function useRegisteredCommands(): readonly Command[] {
  return useSyncExternalStore(subscribe, () => snapshot);
}

export function setPaletteOpen(open: boolean): void {
  paletteOpen = open;
  for (const l of listeners) l();
}

export function usePaletteOpen(): boolean {
  return useSyncExternalStore(subscribe, () => paletteOpen);
}

/** Case-insensitive match of every word of the query against title, group and keywords. */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((c) => {
    const hay = `${c.title} ${c.group ?? ''} ${c.keywords ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
