/**
 * Awaits work begun side by side on one connection or transaction; every part settles
 * before a failure is thrown (the first, in the order given), so none is left running
 * on it when the caller goes on to roll back or release it.
 */
export async function settleAll<T extends readonly unknown[] | []>(
  parts: T,
): Promise<{ -readonly [P in keyof T]: Awaited<T[P]> }> {
  await Promise.allSettled(parts);
  return Promise.all(parts);
}
