/**
 * A namespace prefixes every stream name and subject. Production uses the empty one; each
 * test suite gets its own so suites share a NATS server without seeing each other.
 */
export interface Namespace {
  readonly streamPrefix: string;
  readonly subjectPrefix: string;
}

export const PRODUCTION_NAMESPACE: Namespace = { streamPrefix: '', subjectPrefix: '' };

export function isolatedNamespace(label: string): Namespace {
  if (!/^[a-z0-9]{1,24}$/.test(label))
    throw new RangeError(`namespace label must match [a-z0-9]{1,24}: ${label}`);
  return { streamPrefix: `T${label.toUpperCase()}_`, subjectPrefix: `t${label}.` };
}
