/**
 * Event definitions: one per event type and version, with the zod schema its data must
 * match. A published version is frozen; a change is a new version plus an upcaster from
 * the previous one, so consumers only ever see the latest shape.
 */
import type { z } from 'zod';
import type { Context } from '../envelope/contexts';
import { eventTypeName } from '../envelope/envelope';

export interface EventDefinition<TType extends string = string, TData = unknown> {
  readonly context: Context;
  readonly name: string;
  readonly version: number;
  readonly type: TType;
  /** Aggregate kind used in the subject: `evt.<context>.<operator>.<aggregate>.<pNN>.<id>`. */
  readonly aggregate: string;
  readonly schema: z.ZodType<TData>;
}

export function defineEvent<TData>(spec: {
  context: Context;
  name: string;
  version: number;
  aggregate: string;
  schema: z.ZodType<TData>;
}): EventDefinition<string, TData> {
  return { ...spec, type: eventTypeName(spec.context, spec.name, spec.version) };
}

export type EventData<D> = D extends EventDefinition<string, infer T> ? T : never;

/** Turns data of one version into the next; the input is validated against `from` first. */
export interface Upcaster {
  readonly from: EventDefinition;
  readonly to: EventDefinition;
  readonly apply: (data: unknown) => unknown;
}

export function defineUpcaster<TFrom, TTo>(
  from: EventDefinition<string, TFrom>,
  to: EventDefinition<string, TTo>,
  upcast: (data: TFrom) => TTo,
): Upcaster {
  if (from.context !== to.context || from.name !== to.name || to.version !== from.version + 1) {
    throw new RangeError(
      `an upcaster goes from ${from.type} to the next version of the same event`,
    );
  }
  return { from, to, apply: (data) => upcast(from.schema.parse(data)) };
}
