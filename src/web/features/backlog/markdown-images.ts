/**
 * Which images a description may load. An image from another host is a request the reader's
 * browser makes on opening the item: a "tracking pixel" tells that host who read it, when and
 * from where, and the host can swap the picture later. So only images of this Tandem (same
 * origin) and inline data: images (PNG, JPEG, GIF, WebP; never SVG, which can carry script) load;
 * any other shows as a link the reader can choose to open.
 */
export function imageAllowed(src: string, origin: string): boolean {
  const s = src.trim();
  if (/^data:image\/(png|jpe?g|gif|webp);/i.test(s)) return true;
  try {
    return new URL(s, origin).origin === origin;
  } catch {
    return false;
  }
}

/** The host an image would have come from, for the note that replaces it. */
export function imageHost(src: string, origin: string): string {
  try {
    return new URL(src.trim(), origin).host || 'another site';
  } catch {
    return 'another site';
  }
}
