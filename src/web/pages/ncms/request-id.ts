/**
 * A fresh id for one submission (enrollment, settlement): sent again unchanged on a retry or a double click, so the
 * server answers the first result instead of doing it twice. getRandomValues, not randomUUID: the latter exists only
 * on https pages, and a county office may serve the app over plain http on its own network.
 */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
