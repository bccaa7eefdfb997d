import { describe, expect, it } from 'vitest';
import { productHomeFor, productNavFor } from './routes.tsx';

describe('the product nav by role', () => {
  it('shows a stakeholder only the customer pages, and opens the product on the portal', () => {
    expect(productNavFor('stakeholder').map((n) => n.path)).toEqual([
      'portal',
      'requests',
      'reviews',
      'votes',
      // The working agreements the Product Owner shares (the API hides the others).
      'agreements',
    ]);
    expect(productHomeFor('stakeholder')).toBe('portal');
  });

  it('shows the readers the internal work and no portal, and opens on the backlog', () => {
    for (const role of ['owner', 'team', 'facilitator', 'viewer'] as const) {
      const paths = productNavFor(role).map((n) => n.path);
      expect(paths, role).toEqual(
        expect.arrayContaining(['backlog', 'sprints', 'poker', 'activity', 'settings']),
      );
      expect(paths, role).not.toContain('portal');
      expect(productHomeFor(role)).toBe('backlog');
    }
    expect(productNavFor(undefined)).toEqual([]);
  });
});
