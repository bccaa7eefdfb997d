import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';
import { imageAllowed, imageHost } from './markdown-images.ts';

/**
 * Our own DOMPurify instance, so its hook applies to descriptions only. The hook keeps images to
 * this origin and data: (markdown-images.ts says why); any other image becomes a link with a note.
 */
const purify = typeof window === 'undefined' ? null : DOMPurify(window);
purify?.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName !== 'IMG') return;
  const src = node.getAttribute('src') ?? '';
  if (imageAllowed(src, window.location.origin)) return;
  const link = node.ownerDocument.createElement('a');
  link.setAttribute('href', src);
  link.setAttribute('rel', 'noopener noreferrer nofollow');
  link.setAttribute('target', '_blank');
  link.className = 'b-blocked-image';
  const alt = node.getAttribute('alt');
  link.textContent = `${alt ? `Image “${alt}”` : 'An image'} from ${imageHost(src, window.location.origin)}, not loaded: images from other sites could track who reads this. Open it`;
  node.replaceWith(link);
});

/** Markdown rendered with marked and sanitised with DOMPurify: a description can never run script. */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true, breaks: true });
  return purify ? purify.sanitize(html, { USE_PROFILES: { html: true } }) : '';
}

export function Markdown({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  if (!text.trim()) return <p className="faint">Nothing written yet.</p>;
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify just above
  return <div className="b-markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}
