/**
 * The 100-item pages of Jobs API 2.2 reads (jobs/get, runs/get): every paginated array is cut in
 * slices of 100; page N carries slice N of each array that still has one (exhausted arrays come
 * back empty), and the response has a next page while any array has more. Tokens are opaque to
 * clients; ours encode the page index.
 */
export const PAGE_SIZE = 100;

export function pageSlices(arrays: Record<string, readonly unknown[]>, page: number): { slices: Record<string, unknown[]>; hasMore: boolean } {
  const slices: Record<string, unknown[]> = {};
  let hasMore = false;
  for (const [name, items] of Object.entries(arrays)) {
    slices[name] = items.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    if (items.length > (page + 1) * PAGE_SIZE) hasMore = true;
  }
  return { slices, hasMore };
}

export function encodePageToken(kind: string, value: string | number): string {
  return Buffer.from(`${kind}:${value}`, 'utf8').toString('base64url');
}

/** Decodes a token of the given kind; undefined when it is not one of ours. */
export function decodePageToken(kind: string, token: string): string | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  return text.startsWith(`${kind}:`) ? text.slice(kind.length + 1) : undefined;
}
