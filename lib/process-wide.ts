// Things opened once per process and shared by every request: the database, the repositories
// over it, the accounts service. Kept on globalThis because Next.js dev reloads re-evaluate
// modules and must reuse the same handle (PGlite allows one process per data directory). An
// open that fails is forgotten, so it does not poison every later request.

const held = globalThis as typeof globalThis & { __glimpseProcessWide?: Map<string, Promise<unknown>> };

function registry(): Map<string, Promise<unknown>> {
  return (held.__glimpseProcessWide ??= new Map());
}

/** The value under `key`, opened by `open` on first use. */
export function processWide<T>(key: string, open: () => Promise<T>): Promise<T> {
  const values = registry();
  let opening = values.get(key) as Promise<T> | undefined;
  if (!opening) {
    const started = open();
    opening = started;
    values.set(key, started);
    started.catch(() => {
      if (values.get(key) === started) values.delete(key);
    });
  }
  return opening;
}

/** Forgets the value under `key` and hands back what was held, for the caller to close. */
export function forgetProcessWide<T>(key: string): Promise<T> | undefined {
  const values = registry();
  const opening = values.get(key) as Promise<T> | undefined;
  values.delete(key);
  return opening;
}
