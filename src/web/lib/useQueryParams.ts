import { useSearchParams } from 'react-router-dom';

type Changes = Record<string, string | number | undefined>;

/**
 * List filters kept in the address bar, so "back" from a detail page finds the same results and
 * a search can be bookmarked. Changing any filter other than the page returns to page 1.
 */
export function useQueryParams() {
  const [params, setParams] = useSearchParams();

  function text(key: string): string | undefined {
    return params.get(key) || undefined;
  }

  function number(key: string): number | undefined {
    const value = Number(params.get(key));
    return params.get(key) && Number.isFinite(value) ? value : undefined;
  }

  function update(changes: Changes) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  }

  const page = number('page') ?? 1;
  const pageSize = number('pageSize') ?? 20;
  /** Table pagination bound to the address bar. */
  function pagination(total: number | undefined, showTotal: (n: number) => string) {
    return {
      current: page,
      pageSize,
      total: total ?? 0,
      showSizeChanger: true,
      showTotal,
      onChange: (nextPage: number, nextSize: number) => update({ page: nextSize !== pageSize ? 1 : nextPage, pageSize: nextSize }),
    };
  }

  return { text, number, update, page, pageSize, pagination };
}
