/**
 * Runs rating's consumers while the service is up: the session-facts projection on the
 * `rating-sessions-pNN` durables this replica owns, the registry view (`rating-registry`),
 * the tariff view (`rating-tariffs`), the loyalty programme and credit views
 * (`rating-loyalty-programmes`, `rating-loyalty-credits`) and the session-rating reactor
 * (`rating-session-ratings`: live costs of open sessions and final ratings, each also
 * published on core NATS for the live feed; hold amounts and limit stops, whose
 * RemoteStop commands go to CMD_STATIONS; re-ratings for facts recorded late), and the
 * session-limits view (`rating-session-limits`). They start after every module is
 * initialised (NATS connected, migrations applied) and stop, finishing the batch in
 * flight, before NATS and Postgres close.
 */
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Subjects, type ConsumerSpec } from '@chargeledger/contracts';
import {
  DEFAULT_APPENDER_OPTIONS,
  durablesCaughtUp,
  durablesToRun,
  EventAppender,
  type PartitionAssignment,
  type Projection,
  type ProjectionRunner,
  type ReactorRunner,
} from '@chargeledger/platform/eventstore';
import { DatabaseResource, NatsResource, ServiceConsumers } from '@chargeledger/platform/service';
import {
  LoyaltyProgrammesProjection,
  RATING_LOYALTY_PROGRAMMES_CONSUMER,
} from './loyalty/loyalty-programmes.projection';
import { LoyaltyCreditLedger } from './loyalty/loyalty-credit.ledger';
import {
  LoyaltyCreditsProjection,
  RATING_LOYALTY_CREDITS_CONSUMER,
} from './loyalty/loyalty-credits.projection';
import {
  RATING_REGISTRY_CONSUMER,
  RatingRegistryProjection,
} from './registry-view/rating-registry.projection';
import {
  type ConsumerLimits,
  PROJECTION_LIMITS,
  RATING_LIVE_COST_INTERVAL,
  RATING_PARTITIONS,
  RATING_RE_RATING_WINDOW,
  SESSION_RATING_LIMITS,
  TARIFF_VIEW_LIMITS,
} from './rating.settings';
import { RatingInputsQueries } from './sessions/rating-inputs.queries';
import { RATING_LIMITS_SETTINGS, type LimitsSettings } from './limits/limits.settings';
import { SessionLimitsQueries } from './limits/session-limits.queries';
import {
  RATING_SESSION_LIMITS_CONSUMER,
  SessionLimitsProjection,
} from './limits/session-limits.projection';
import { StopCommandAppender } from './limits/stop-command.appender';
import {
  RATING_SESSIONS_PURPOSE,
  SessionFactsProjection,
} from './sessions/session-facts.projection';
import { LateSessionFactReaction } from './re-rating/late-session-fact.reaction';
import { SessionRatingHistoryReader } from './re-rating/session-rating.history.reader';
import { SessionRatingReactor } from './sessions/session-rating.reactor';
import {
  RATING_TARIFFS_CONSUMER,
  TariffVersionsProjection,
} from './tariffs/tariff-versions.projection';

export const RATING_SESSION_RATINGS_CONSUMER = 'rating-session-ratings';

@Injectable()
export class RatingWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private runners: (ProjectionRunner | ReactorRunner)[] = [];

  constructor(
    private readonly consumers: ServiceConsumers,
    private readonly nats: NatsResource,
    private readonly database: DatabaseResource,
    @Inject(RATING_PARTITIONS) private readonly assignment: PartitionAssignment,
    @Inject(RATING_LIVE_COST_INTERVAL) private readonly liveCostIntervalMs: number,
    @Inject(RATING_RE_RATING_WINDOW) private readonly reRatingWindowMs: number,
    @Inject(RATING_LIMITS_SETTINGS) private readonly limitsSettings: LimitsSettings,
  ) {}

  onApplicationBootstrap(): void {
    const { consumers } = this;
    const projection = (spec: ConsumerSpec, view: Projection, limits: ConsumerLimits) =>
      consumers.projectionRunner(spec, view, {
        ordered: true,
        ...limits,
        // The next batch is pulled and decoded while one is applied; after a failure it
        // is handed back, so the order holds.
        fetchAhead: true,
      });
    const sessionSpecs = durablesToRun(
      consumers.specs.filter((s) => s.durable.startsWith(`rating-${RATING_SESSIONS_PURPOSE}-`)),
      this.assignment,
    );
    const registrySpec = consumers.spec(RATING_REGISTRY_CONSUMER);
    const tariffsSpec = consumers.spec(RATING_TARIFFS_CONSUMER);
    const limitsSpec = consumers.spec(RATING_SESSION_LIMITS_CONSUMER);
    const programmesSpec = consumers.spec(RATING_LOYALTY_PROGRAMMES_CONSUMER);
    const creditsSpec = consumers.spec(RATING_LOYALTY_CREDITS_CONSUMER);
    this.runners = [
      ...sessionSpecs.map((spec) =>
        projection(spec, new SessionFactsProjection(spec.durable), PROJECTION_LIMITS),
      ),
      projection(registrySpec, new RatingRegistryProjection(), PROJECTION_LIMITS),
      projection(tariffsSpec, new TariffVersionsProjection(), TARIFF_VIEW_LIMITS),
      projection(limitsSpec, new SessionLimitsProjection(), TARIFF_VIEW_LIMITS),
      projection(programmesSpec, new LoyaltyProgrammesProjection(), TARIFF_VIEW_LIMITS),
      projection(creditsSpec, new LoyaltyCreditsProjection(), TARIFF_VIEW_LIMITS),
      this.sessionRatingRunner([
        registrySpec,
        tariffsSpec,
        limitsSpec,
        programmesSpec,
        creditsSpec,
      ]),
    ];
    for (const runner of this.runners) runner.start();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  private sessionRatingRunner(views: ConsumerSpec[]): ReactorRunner {
    const { namespace } = this.nats.topology;
    const js = this.nats.jetstream;
    const spec = this.consumers.spec(RATING_SESSION_RATINGS_CONSUMER);
    const limitsSpec = this.consumers.spec(RATING_SESSION_LIMITS_CONSUMER);
    const queries = new RatingInputsQueries(this.database.dataSource);
    const history = new SessionRatingHistoryReader(
      () => this.nats.nats.jetstreamManager({ checkAPI: false }),
      namespace,
    );
    const credits = new LoyaltyCreditLedger(
      this.database.dataSource,
      new EventAppender(js, DEFAULT_APPENDER_OPTIONS),
      new Subjects(namespace),
    );
    const reactor = new SessionRatingReactor({
      queries,
      limits: new SessionLimitsQueries(this.database.dataSource, queries),
      ...this.limitsSettings,
      namespace,
      liveCostIntervalMs: this.liveCostIntervalMs,
      credits,
      viewsCaughtUp: () => this.caughtUp(views),
      limitsViewCaughtUp: () => this.caughtUp([limitsSpec]),
      latestOnSubject: (operatorId, sessionId) => history.latest(operatorId, sessionId),
      lateFacts: new LateSessionFactReaction({
        queries,
        history,
        appender: new EventAppender(js, DEFAULT_APPENDER_OPTIONS),
        credits,
        windowMs: this.reRatingWindowMs,
        viewsCaughtUp: () => this.caughtUp(views),
      }),
    });
    return this.consumers.reactorRunner(spec, reactor, {
      appender: new StopCommandAppender(js, DEFAULT_APPENDER_OPTIONS, this.nats.nats, namespace),
      ordered: false,
      ...SESSION_RATING_LIMITS,
    });
  }

  /** Whether the views' durables have applied everything in their streams. */
  private caughtUp(views: readonly ConsumerSpec[]): Promise<boolean> {
    return durablesCaughtUp(this.nats.jetstream, this.nats.topology.namespace, views);
  }
}
