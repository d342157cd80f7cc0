/** Drops empty entries: to the API an empty text box means "not given", not "". */
export function compact<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== null && String(v).trim() !== ''),
  ) as Partial<T>;
}
