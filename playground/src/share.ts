/** The shareable URL: the editor's text in the fragment (never sent to a server), percent-encoded. */

export function shareLink(href: string, text: string): string {
  const url = new URL(href);
  url.hash = encodeURIComponent(text);
  return url.toString();
}

/** The text a URL fragment holds, or undefined when there is none (or it does not decode). */
export function readShared(hash: string): string | undefined {
  if (hash.length <= 1) return undefined;
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return undefined;
  }
}
