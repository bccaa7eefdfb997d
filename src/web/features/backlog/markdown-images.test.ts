import { describe, expect, it } from 'vitest';
import { imageAllowed, imageHost } from './markdown-images.ts';

const ORIGIN = 'https://tandem.example.org';

describe('images in Markdown', () => {
  it('loads images of this Tandem and inline raster images', () => {
    expect(imageAllowed('/api/v1/files/logo.png', ORIGIN)).toBe(true);
    expect(imageAllowed('https://tandem.example.org/a.png', ORIGIN)).toBe(true);
    expect(imageAllowed('data:image/png;base64,iVBORw0KGgo=', ORIGIN)).toBe(true);
  });

  it('refuses other hosts (a tracking pixel), protocol-relative URLs and SVG data', () => {
    expect(imageAllowed('https://tracker.example.com/p.gif?u=1', ORIGIN)).toBe(false);
    expect(imageAllowed('//tracker.example.com/p.gif', ORIGIN)).toBe(false);
    expect(imageAllowed('http://tandem.example.org/a.png', ORIGIN)).toBe(false);
    expect(imageAllowed('data:image/svg+xml;base64,PHN2Zz4=', ORIGIN)).toBe(false);
    expect(imageHost('https://tracker.example.com/p.gif', ORIGIN)).toBe('tracker.example.com');
  });
});
