import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: Error | undefined;
  reload: () => void;
}

/**
 * Loads data for a page and reloads when `deps` change; a failure is shown as a message and kept
 * in `error`. Answers to stale requests are dropped, so fast typing never shows old results.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const { message } = App.useApp();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const run = useCallback(load, deps);

  useEffect(() => {
    let current = true;
    setLoading(true);
    run().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        const failure = err instanceof Error ? err : new Error('加载失败');
        setError(failure);
        setLoading(false);
        message.error(failure.message);
      },
    );
    return () => {
      current = false;
    };
  }, [run, round, message]);

  return { data, loading, error, reload: () => setRound((n) => n + 1) };
}
