import { describe, expect, it } from 'vitest';
import { gridMinWidth, gridTracks } from './columns.tsx';

describe('backlog list grid', () => {
  it('has a checkbox track only when rows are selectable', () => {
    expect(gridTracks(['status'], { keyWidth: '64px' })).toEqual([
      '28px',
      '64px',
      'minmax(200px, 3fr)',
      '100px',
    ]);
    expect(gridTracks(['status'], { keyWidth: '64px', selectable: false })).toEqual([
      '64px',
      'minmax(200px, 3fr)',
      '100px',
    ]);
  });

  it('is never narrower than its tracks, and fits beside the panel at 1280 px', () => {
    expect(gridMinWidth(['28px', '64px', 'minmax(200px, 3fr)', 'minmax(150px, 1fr)'])).toBe('442px');
    // Beside the item panel: key, title, type, size, WSJF and status in the ~590 px left at 1280 px.
    const beside = gridTracks(['type', 'size', 'wsjf', 'status'], { keyWidth: '64px', compact: true });
    expect(Number.parseInt(gridMinWidth(beside), 10)).toBeLessThanOrEqual(580);
  });
});
