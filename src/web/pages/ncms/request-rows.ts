/**
 * A form list often sends only some of its rows (blank cost lines, members left out). The server names a fault by
 * the request's index ("members.1.category"); this finds the form row it came from ("members.2.category").
 * `rowOf[i]` is the form row of the request's i-th entry.
 */
export function rowField(field: string, list: string, rowOf: readonly number[]): string {
  const match = new RegExp(`^${list}\\.(\\d+)(\\..*)?$`).exec(field);
  if (!match) return field;
  const row = rowOf[Number(match[1])];
  return row === undefined ? field : `${list}.${row}${match[2] ?? ''}`;
}
