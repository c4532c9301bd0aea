/**
 * Ingestion's projections as an operator rebuilds them. Its session states are the
 * normaliser's own record (each with the subject sequence it includes), not a projection.
 */
import type { Projection } from '@chargeledger/platform/eventstore';
import { RegistryViewProjection } from './registry-view/registry-view.projection';

export const INGESTION_PROJECTIONS: readonly Projection[] = [new RegistryViewProjection()];
