import { describe, expect, it } from 'vitest';
import { openUrl } from './open-url.ts';

describe('the URL Tandem prints', () => {
  it('is localhost for every interface, the host itself otherwise, the base URL when set', () => {
    expect(openUrl(undefined, '0.0.0.0', 3000)).toBe('http://localhost:3000');
    expect(openUrl(undefined, '::', 3000)).toBe('http://localhost:3000');
    expect(openUrl(undefined, '127.0.0.1', 8080)).toBe('http://127.0.0.1:8080');
    expect(openUrl(undefined, '10.1.2.3', 3000)).toBe('http://10.1.2.3:3000');
    expect(openUrl(undefined, 'fd00::1', 3000)).toBe('http://[fd00::1]:3000');
    expect(openUrl('https://tandem.example.com', '0.0.0.0', 3000)).toBe('https://tandem.example.com');
  });
});
