import { describe, expect, it } from 'vitest';
import { addressRefusal, webhookUrlProblem } from './webhook-target.ts';

const strict = { allowPrivate: false };

describe('webhook targets', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.9.1', 'private'],
    ['192.168.1.1', 'private'],
    ['::ffff:192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
  ])('refuses %s (%s)', (address, word) => {
    expect(addressRefusal(address)).toBe(`${address} is a ${word} address`);
  });

  it.each(['93.184.215.14', '1.1.1.1', '2606:4700:4700::1111'])('accepts the public %s', (address) => {
    expect(addressRefusal(address)).toBeNull();
  });

  it('takes only http(s) URLs without credentials', () => {
    expect(webhookUrlProblem('ftp://example.com/x', strict)).toMatch(/Only http and https/);
    expect(webhookUrlProblem('javascript:alert(1)', strict)).toMatch(/Only http and https/);
    expect(webhookUrlProblem('not a url', strict)).toMatch(/full URL/);
    expect(webhookUrlProblem('https://u:p@example.com/x', strict)).toMatch(/no user name/);
    expect(webhookUrlProblem('https://example.com/hooks', strict)).toBeNull();
  });

  it('refuses local hosts however they are written, unless private targets are allowed', () => {
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://[::1]/',
      'http://[::ffff:7f00:1]/',
      'http://2130706433/', // 127.0.0.1 as one number: the URL parser normalises it
      'http://0x7f.1/',
      'http://localhost/',
      'http://api.localhost./',
      'http://[fd00::2]/',
      'http://169.254.169.254/latest/meta-data',
    ]) {
      expect(webhookUrlProblem(url, strict), url).toMatch(/public addresses only/);
      expect(webhookUrlProblem(url, { allowPrivate: true }), url).toBeNull();
    }
  });
});
