/**
 * A short fingerprint of a row's values as they were loaded, kept in a hidden column of the row
 * itself so that it travels with the row when people sort. A row whose values no longer give the
 * same fingerprint has been edited. cyrb53 (a public-domain 53-bit string hash): fast in plain JS,
 * no Apps Script service call per row, and collisions are out of reach for a sheet of clients.
 */
export function rowHash(values: readonly string[]): string {
  const text = values.join('\u001f');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
