/**
 * Awaits work begun side by side; every part settles before a failure is thrown (the
 * first, in the order given), so none is left running on the transaction.
 */
export async function settleAll<T extends readonly unknown[] | []>(
  parts: T,
): Promise<{ -readonly [P in keyof T]: Awaited<T[P]> }> {
  await Promise.allSettled(parts);
  return Promise.all(parts);
}
