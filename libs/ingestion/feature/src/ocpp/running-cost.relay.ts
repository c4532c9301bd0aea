/**
 * Shows rating's running costs on the chargers connected to this replica. Rating
 * publishes each SessionCostUpdated on core NATS `live.<operator>.<session>` once it is
 * appended; this follows `live.>`, finds the session's station and transaction in
 * ingestion's own session table (open sessions only: an ended one has its bill), and
 * hands the cost to the OCPP-J gateway. Every replica follows every live cost and shows
 * those of its own connections. Best effort by design: a cost lost on core NATS is
 * superseded by the next one, and the stream stays the record.
 */
import type { Msg, NatsConnection, Subscription } from 'nats';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { SessionCostUpdatedV1, type Subjects } from '@chargeledger/contracts';
import type { RunningCost, RunningCostOutcome } from '@chargeledger/ingestion/ocpp-gateway';
import type { Logger } from '@chargeledger/shared/observability';

const liveCostMessage = z.object({
  type: z.literal(SessionCostUpdatedV1.type),
  operatorid: z.string(),
  data: SessionCostUpdatedV1.schema,
});
const openSession = z.array(z.object({ station_id: z.string(), transaction_id: z.string() }));

export interface RunningCostRelayDependencies {
  readonly nats: NatsConnection;
  readonly subjects: Subjects;
  readonly dataSource: DataSource;
  readonly show: (cost: RunningCost) => Promise<RunningCostOutcome>;
  readonly logger: Pick<Logger, 'warn'>;
}

export class RunningCostRelay {
  private subscription: Subscription | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly dependencies: RunningCostRelayDependencies) {}

  start(): void {
    const { nats, subjects } = this.dependencies;
    this.subscription = nats.subscribe(subjects.liveFilter(), {
      callback: (error, message) => {
        if (error !== null) return;
        const relayed = this.relay(message).catch((failure: unknown) => {
          this.dependencies.logger.warn(
            { error: failure instanceof Error ? failure.message : String(failure) },
            'running cost not shown',
          );
        });
        this.inFlight.add(relayed);
        void relayed.finally(() => this.inFlight.delete(relayed));
      },
    });
  }

  /** Stops following and waits for the costs being shown, before the gateway closes. */
  async close(): Promise<void> {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    await Promise.all(this.inFlight);
  }

  private async relay(message: Msg): Promise<void> {
    let body: unknown;
    try {
      body = message.json();
    } catch {
      return;
    }
    const live = liveCostMessage.safeParse(body);
    if (!live.success) return; // final ratings and refusals: nothing to show while charging
    const { operatorid: operatorId, data } = live.data;
    const [session] = openSession.parse(
      await this.dependencies.dataSource.query(
        `SELECT station_id, transaction_id FROM ingestion_sessions_v1
         WHERE session_id = $1 AND operator_id = $2 AND status = 'open'`,
        [data.sessionId, operatorId],
      ),
    );
    if (session === undefined) return;
    await this.dependencies.show({
      operatorId,
      stationId: session.station_id,
      transactionId: session.transaction_id,
      totalCost: data.billableInclVat ?? data.billableExclVat,
      asOf: data.asOf,
      energyWh: data.energyWh,
    });
  }
}
