/** What an app tells the service kit about itself: its name, port, module and schema. */
import type { DynamicModule, Type } from '@nestjs/common';
import type { App } from '@chargeledger/contracts';
import type { ProblemMapper } from '@chargeledger/platform/http';
import type { MigrationClass } from '@chargeledger/platform/persistence';

export interface ServiceDefinition {
  readonly app: App;
  readonly httpPort: number;
  /** The app's own feature module (controllers, reactors, projections). */
  readonly module?: Type | DynamicModule;
  readonly migrations?: readonly MigrationClass[];
  /** How the app's own errors (business refusals) are answered as problem+json. */
  readonly problems?: readonly ProblemMapper[];
}
