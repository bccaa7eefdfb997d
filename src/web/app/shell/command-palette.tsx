import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import { flushSync } from 'react-dom';
import { filterCommands, setPaletteOpen, usePaletteOpen, useRegisteredCommands } from '#web/app/commands.ts';
import { Modal } from '#web/components/dialog.tsx';

/** Ctrl/Cmd-K opens it anywhere in the shell; arrows move, Enter runs, Escape closes. */
export function CommandPalette() {
  const open = usePaletteOpen();
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPaletteOpen(!open);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return open ? <PaletteDialog /> : null;
}

function PaletteDialog() {
  const commands = useRegisteredCommands();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const shown = useMemo(() => filterCommands(commands, query), [commands, query]);

  // The modal gives focus back to where it was when it closes.
  const close = () => setPaletteOpen(false);
  const run = (i: number) => {
    const c = shown[i];
    if (!c) return;
    // Closed first (its focus handed back), so a command may move focus into the page.
    flushSync(() => setPaletteOpen(false));
    c.run();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, shown.length - 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter') run(active);
    else return;
    e.preventDefault();
  };

  let lastGroup: string | undefined;
  return (
    <Modal className="palette" label="Command palette" onClose={close}>
      <input
        data-autofocus
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown[active] ? `${listId}-${active}` : undefined}
        aria-label="Type a command"
        placeholder="Type a command or search…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div className="palette-list" id={listId} role="listbox" aria-label="Commands">
        {shown.length === 0 && <div className="group">No command matches “{query}”.</div>}
        {shown.map((c, i) => {
          const heading = c.group !== lastGroup ? c.group : undefined;
          lastGroup = c.group;
          return [
            heading && (
              <div key={`g-${heading}`} className="group" role="presentation">
                {heading}
              </div>
            ),
            <div
              key={c.id}
              tabIndex={-1}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              data-active={i === active}
              className="menu-item"
              onMouseMove={() => setActive(i)}
              onClick={() => run(i)}
              onKeyDown={(e) => e.key === 'Enter' && run(i)}
            >
              <span className="grow">{c.title}</span>
              {c.shortcut && <kbd>{c.shortcut}</kbd>}
            </div>,
          ];
        })}
      </div>
    </Modal>
  );
}
