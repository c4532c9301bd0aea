/** The registry's projections as an operator rebuilds them. */
import type { Projection } from '@chargeledger/platform/eventstore';
import { RegistryStateProjection } from './state/registry-state.projection';

export const REGISTRY_PROJECTIONS: readonly Projection[] = [new RegistryStateProjection()];
