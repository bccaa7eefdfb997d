import { describe, expect, it } from 'vitest';
import { safeNext } from '#web/features/auth/sign-in-page.tsx';
import { suggestKey } from './create-product-page.tsx';
import { parseShare } from './segments-section.tsx';

describe('form helpers', () => {
  it('suggests a product key from its name', () => {
    expect(suggestKey('VIP Meetings')).toBe('VM');
    expect(suggestKey('League Platform')).toBe('LP');
    expect(suggestKey('Notifications')).toBe('NOTI');
    expect(suggestKey('42 things')).toBe('');
    expect(suggestKey('')).toBe('');
  });
  it('reads a target share: empty is "no target", junk goes to the server to be named', () => {
    expect(parseShare('')).toBeNull();
    expect(parseShare(' 30% ')).toBe(30);
    expect(parseShare('12,5')).toBe(12.5);
    expect(parseShare('lots')).toBe('lots');
  });
  it('only follows same-site paths after sign-in', () => {
    expect(safeNext('/p/VIP/settings')).toBe('/p/VIP/settings');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
