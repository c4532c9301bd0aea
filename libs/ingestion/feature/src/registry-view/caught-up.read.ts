/**
 * Reads the registry view so that "not known" means not registered, not "not applied yet":
 * when a read misses something, ask whether the view has applied every registry event
 * published so far, then read again. Asking before the second read matters: a view caught
 * up at that moment has committed what it will ever be judged on. Bounded: past the wait
 * the caller's batch fails and is retried later.
 */
export class RegistryViewBehindError extends Error {
  constructor() {
    super('a message names registry facts the view has not applied yet; it is catching up');
    this.name = 'RegistryViewBehindError';
  }
}

export interface CaughtUpReadOptions {
  readonly caughtUp: () => Promise<boolean>;
  readonly waitMs: number;
  readonly pollMs: number;
}

export async function readCaughtUp<T>(
  read: () => Promise<T>,
  complete: (result: T) => boolean,
  options: CaughtUpReadOptions,
): Promise<T> {
  const first = await read();
  if (complete(first)) return first;
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const caughtUp = await options.caughtUp();
    const result = await read();
    if (complete(result) || caughtUp) return result;
    if (Date.now() >= deadline) throw new RegistryViewBehindError();
    await new Promise((resolve) => setTimeout(resolve, options.pollMs));
  }
}
