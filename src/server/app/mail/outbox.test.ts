import { describe, expect, it } from 'vitest';
import { messageIdFor, readUnsubscribeToken, unsubscribeToken } from './outbox.ts';
import { renderMail } from './render.ts';

const key = Buffer.alloc(32, 7);
const user = '5f0c8a7e-8b1c-4d1e-9a55-0d4f2b8e6c11';

describe('Message-ID', () => {
  it('is derived from the outbox key alone: the same key, the same id; another key, another', () => {
    const a = messageIdFor('notice:shipped:x:y', 'https://tandem.example.com');
    expect(a).toBe(messageIdFor('notice:shipped:x:y', 'https://tandem.example.com'));
    expect(a).toMatch(/^<[0-9a-f]{40}@tandem\.example\.com>$/);
    expect(messageIdFor('notice:shipped:x:z', 'https://tandem.example.com')).not.toBe(a);
  });
});

describe('unsubscribe tokens', () => {
  it('name one person and one kind, and cannot be changed to another', () => {
    const token = unsubscribeToken(key, user, 'mention');
    expect(readUnsubscribeToken(key, token)).toEqual({ userId: user, kind: 'mention' });
    expect(readUnsubscribeToken(key, token.replace('.mention.', '.sprint.'))).toBeNull();
    expect(readUnsubscribeToken(key, token.replace(user.slice(0, 4), 'aaaa'))).toBeNull();
    expect(readUnsubscribeToken(Buffer.alloc(32, 8), token)).toBeNull();
    expect(readUnsubscribeToken(key, `${token}.x`)).toBeNull();
    expect(readUnsubscribeToken(key, 'nonsense')).toBeNull();
  });
});

describe('rendering', () => {
  it('names Tandem and the product in the subject and escapes every value in the HTML', () => {
    const m = renderMail({
      productName: 'League <b>',
      subject: 'Tom mentioned you on LG-1',
      greeting: 'Hello <script>x</script>,',
      lines: ['a & b'],
      quote: '"quoted"',
      link: { url: 'https://t.example/p/LG?item=1&x="2"', label: 'Open' },
      footer: { reason: 'Because.', settingsUrl: 'https://t.example/profile', unsubscribeUrl: null },
    });
    expect(m.subject).toBe('[Tandem · League <b>] Tom mentioned you on LG-1');
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('Hello &lt;script&gt;x&lt;/script&gt;,');
    expect(m.html).toContain('href="https://t.example/p/LG?item=1&amp;x=&quot;2&quot;"');
    expect(m.text).toContain('Open: https://t.example/p/LG?item=1&x="2"');
    expect(m.text).toContain('> "quoted"');
  });
});
