import { useMemo } from 'react';
import type { Item } from '#contracts/items.ts';
import type { Member } from '#contracts/products.ts';
import { type Command, useCommands } from '#web/app/commands.ts';

/** Backlog commands for the palette (Ctrl/Cmd-K): create, search, move and assign the focused item. */
export function useBacklogCommands(opts: {
  canEdit: boolean;
  canReorder: boolean;
  focused: Item | undefined;
  members: readonly Member[];
  create: () => void;
  search: () => void;
  moveToTop: (item: Item) => void;
  moveToBottom: (item: Item) => void;
  assign: (item: Item, userId: string | null) => void;
  suggestOrder: () => void;
  importCsv: () => void;
  board: () => void;
}) {
  const {
    canEdit,
    canReorder,
    focused,
    members,
    create,
    search,
    moveToTop,
    moveToBottom,
    assign,
    suggestOrder,
    importCsv,
    board,
  } = opts;
  const commands = useMemo<Command[]>(() => {
    const list: Command[] = [
      { id: 'backlog.search', title: 'Search the backlog', group: 'Backlog', shortcut: '/', run: search },
      {
        id: 'backlog.board',
        title: 'Show the board',
        group: 'Backlog',
        keywords: 'status kanban',
        run: board,
      },
    ];
    if (canEdit) {
      list.push(
        {
          id: 'backlog.create',
          title: 'Create item',
          group: 'Backlog',
          shortcut: 'C',
          keywords: 'new story defect',
          run: create,
        },
        {
          id: 'backlog.suggest',
          title: 'Suggest order by WSJF',
          group: 'Backlog',
          keywords: 'cost of delay sort',
          run: suggestOrder,
        },
        { id: 'backlog.import', title: 'Import items from CSV or Jira', group: 'Backlog', run: importCsv },
      );
    }
    if (canEdit && focused) {
      if (canReorder)
        list.push(
          {
            id: 'backlog.move.top',
            title: `Move ${focused.key} to the top`,
            group: 'Backlog',
            run: () => moveToTop(focused),
          },
          {
            id: 'backlog.move.bottom',
            title: `Move ${focused.key} to the bottom`,
            group: 'Backlog',
            run: () => moveToBottom(focused),
          },
        );
      list.push({
        id: 'backlog.assign.none',
        title: `Unassign ${focused.key}`,
        group: 'Assign',
        run: () => assign(focused, null),
      });
      for (const m of members)
        list.push({
          id: `backlog.assign.${m.userId}`,
          title: `Assign ${focused.key} to ${m.name}`,
          group: 'Assign',
          keywords: m.email,
          run: () => assign(focused, m.userId),
        });
    }
    return list;
  }, [
    canEdit,
    canReorder,
    focused,
    members,
    create,
    search,
    moveToTop,
    moveToBottom,
    assign,
    suggestOrder,
    importCsv,
    board,
  ]);
  useCommands(commands);
}
