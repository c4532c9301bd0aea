/** Exhaustiveness guard: a `switch` over a union that reaches this missed a case. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
