import { describe, expect, it } from 'vitest';
import { type Command, filterCommands } from './commands.ts';

const cmd = (id: string, title: string, extra: Partial<Command> = {}): Command => ({
  id,
  title,
  run: () => undefined,
  ...extra,
});

describe('filterCommands', () => {
  const all = [
    cmd('nav.settings', 'Go to Settings', { group: 'Navigation' }),
    cmd('product.1', 'Switch to League Platform', { group: 'Products', keywords: 'LEAGUE' }),
    cmd('theme', 'Toggle light / dark theme'),
  ];
  it('matches every word anywhere in title, group or keywords, ignoring case', () => {
    expect(filterCommands(all, 'go settings').map((c) => c.id)).toEqual(['nav.settings']);
    expect(filterCommands(all, 'league').map((c) => c.id)).toEqual(['product.1']);
    expect(filterCommands(all, 'products').map((c) => c.id)).toEqual(['product.1']);
    expect(filterCommands(all, 'dark nav')).toEqual([]);
    expect(filterCommands(all, '  ')).toHaveLength(3);
  });
});
