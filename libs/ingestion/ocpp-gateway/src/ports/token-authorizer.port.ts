/**
 * The registry's token decision as the gateway asks for it (OCPP Authorize, and the
 * idTagInfo/idTokenInfo of a transaction): backed by ingestion's projection of registry
 * facts and `decideTokenAuthorization`, so chargers get the same answer the registry API
 * would give.
 */
import type { TokenAuthorization } from '@chargeledger/contracts';

export interface TokenAuthorizer {
  /** `at`: when the charger asks, UTC ISO-8601. */
  authorize(operatorId: string, idToken: string, at: string): Promise<TokenAuthorization>;
}
