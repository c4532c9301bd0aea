/**
 * The event catalog decodes what arrives from the log: it validates the envelope, finds
 * the definition of its type, validates the data against that version's schema and
 * upcasts it, version by version, to the latest definition. Unknown types and invalid
 * data are errors the caller dead-letters; they are never silently skipped.
 */
import { z } from 'zod';
import type { EventEnvelope } from '../envelope/envelope';
import { parseEnvelope } from '../envelope/parse-envelope';
import type { EventDefinition, Upcaster } from './event-definition';

export class EventDecodeError extends Error {
  constructor(
    readonly code:
      | 'EVENT.MALFORMED_JSON'
      | 'EVENT.INVALID_ENVELOPE'
      | 'EVENT.UNKNOWN_TYPE'
      | 'EVENT.INVALID_DATA',
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'EventDecodeError';
  }
}

export class EventCatalog {
  private readonly definitions = new Map<string, EventDefinition>();
  private readonly upcasters = new Map<string, Upcaster>();

  constructor(definitions: readonly EventDefinition[], upcasters: readonly Upcaster[] = []) {
    for (const definition of definitions) {
      if (this.definitions.has(definition.type))
        throw new RangeError(`duplicate event type ${definition.type}`);
      this.definitions.set(definition.type, definition);
    }
    for (const upcaster of upcasters) this.addUpcaster(upcaster);
  }

  definitionOf(type: string): EventDefinition | undefined {
    return this.definitions.get(type);
  }

  /** Decodes a message body (bytes or text) into a validated, upcast envelope. */
  decode(body: Uint8Array | string): EventEnvelope {
    let json: unknown;
    try {
      json = JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
    } catch (error) {
      throw new EventDecodeError(
        'EVENT.MALFORMED_JSON',
        error instanceof Error ? error.message : String(error),
      );
    }
    return this.decodeValue(json);
  }

  decodeValue(value: unknown): EventEnvelope {
    const envelope = parseEnvelope(value);
    if (!envelope.success) {
      throw new EventDecodeError('EVENT.INVALID_ENVELOPE', z.prettifyError(envelope.error));
    }
    let definition = this.definitions.get(envelope.data.type);
    if (definition === undefined) {
      throw new EventDecodeError('EVENT.UNKNOWN_TYPE', `no definition for ${envelope.data.type}`);
    }
    let data: unknown = envelope.data.data;
    try {
      for (
        let step = this.upcasters.get(definition.type);
        step;
        step = this.upcasters.get(definition.type)
      ) {
        data = step.apply(data);
        definition = step.to;
      }
      data = definition.schema.parse(data);
    } catch (error) {
      const detail = error instanceof z.ZodError ? z.prettifyError(error) : String(error);
      throw new EventDecodeError('EVENT.INVALID_DATA', `${envelope.data.type}: ${detail}`);
    }
    // The parsed envelope is a fresh object: completed in place instead of copied.
    const decoded: EventEnvelope = envelope.data;
    decoded.type = definition.type;
    decoded.data = data;
    return decoded;
  }

  private addUpcaster(upcaster: Upcaster): void {
    const { from, to } = upcaster;
    if (this.definitions.get(from.type) !== from || this.definitions.get(to.type) !== to) {
      throw new RangeError(
        `upcaster ${from.type} -> ${to.type} needs both definitions in the catalog`,
      );
    }
    if (this.upcasters.has(from.type)) throw new RangeError(`two upcasters from ${from.type}`);
    this.upcasters.set(from.type, upcaster);
  }
}
