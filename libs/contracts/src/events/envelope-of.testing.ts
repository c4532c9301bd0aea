/** For the contracts' own tests: an event of `definition` in a fresh envelope on `subject`. */
import { randomUUID } from 'node:crypto';
import { createEnvelope } from '../envelope/create-envelope';
import type { EventDefinition } from './event-definition';

export function envelopeOf<T>(definition: EventDefinition<string, T>, subject: string, data: T) {
  const id = randomUUID();
  return createEnvelope(definition, {
    id,
    subject,
    operatorId: 'op',
    time: '2026-05-01T00:00:00.000Z',
    data,
    correlationId: id,
  });
}
