import { describe, expect, it } from 'vitest';
import { Id, isUuid } from './common.ts';

describe('the one UUID pattern', () => {
  it('is what both the Id schema and isUuid accept', () => {
    for (const v of ['0b7c1c52-2f0e-4c3a-9f55-7d1d1e0c9a10', '0B7C1C52-2F0E-4C3A-9F55-7D1D1E0C9A10']) {
      expect(isUuid(v)).toBe(true);
      expect(Id.safeParse(v).success).toBe(true);
    }
    for (const v of [
      'not-a-uuid',
      '0b7c1c52-2f0e-4c3a-9f55-7d1d1e0c9a1',
      ' 0b7c1c52-2f0e-4c3a-9f55-7d1d1e0c9a10',
      42,
    ]) {
      expect(isUuid(v)).toBe(false);
      expect(Id.safeParse(v).success).toBe(false);
    }
  });
});
