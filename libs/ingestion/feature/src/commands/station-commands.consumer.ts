/**
 * Delivers CMD_STATIONS commands to chargers connected to this replica's OCPP-J gateway
 * (`ingestion-station-commands`, shared by replicas). A message that is not a valid
 * StationCommand v1 is dead-lettered and termed, never redelivered in a loop. Every final
 * outcome is recorded as StationCommandOutcomeRecorded (id derived from the command, so a
 * redelivered command records once) before the ack; a delivered, rejected, failed or
 * expired command is acked. If recording fails the command is still acked and the outcome
 * logged as an error: delivering a remote start twice is worse than a missing record.
 *
 * A charger not connected here is naked with a delay (capped at the command's expiry),
 * not acked: the design promises an offline station its commands when it comes back
 * before `expiresAt`, and with several replicas the redelivery may reach the replica that
 * holds the connection. Bounded by the durable's maxDeliver: the last delivery is acked
 * as not-connected and logged, so a command is never dropped silently. A `failed`
 * delivery (no or an error answer) is acked: the station may have acted on it, and
 * repeating a remote start could start a second transaction.
 */
import type { Consumer, JetStreamClient, JsMsg } from 'nats';
import { stationCommandV1, type StationCommand } from '@chargeledger/contracts';
import type { DeadLetterStore } from '@chargeledger/platform/eventstore';
import type { StationCommandOutcome } from '@chargeledger/ingestion/ocpp-gateway';

export const INGESTION_STATION_COMMANDS_CONSUMER = 'ingestion-station-commands';

export interface StationCommandsConsumerOptions {
  readonly js: JetStreamClient;
  readonly stream: string;
  readonly durable: string;
  readonly maxDeliver: number;
  readonly deadLetters: DeadLetterStore;
  readonly deliver: (command: StationCommand) => Promise<StationCommandOutcome>;
  /** Records a final outcome in EVT_INGESTION. */
  readonly record: (
    command: StationCommand,
    outcome: StationCommandOutcome,
    deliveries: number,
  ) => Promise<void>;
  readonly batchSizeMax: number;
  readonly fetchExpiresMs: number;
  readonly notConnectedRetryMs: number;
  readonly clock: () => Date;
  readonly log: (event: string, detail: Record<string, unknown>) => void;
}

export class StationCommandsConsumer {
  private consumer: Consumer | undefined;

  constructor(private readonly options: StationCommandsConsumerOptions) {}

  /** Pulls one batch and settles every message in it; resolves with how many it pulled. */
  async runOnce(): Promise<number> {
    const { js, stream, durable, batchSizeMax, fetchExpiresMs } = this.options;
    this.consumer ??= await js.consumers.get(stream, durable);
    const batch = await this.consumer.fetch({
      max_messages: batchSizeMax,
      expires: fetchExpiresMs,
    });
    const messages: JsMsg[] = [];
    for await (const message of batch) messages.push(message);
    // commands to different stations are independent: one slow charger delays no other
    await Promise.all(messages.map((message) => this.handle(message)));
    return messages.length;
  }

  private async handle(message: JsMsg): Promise<void> {
    const parsed = stationCommandV1.safeParse(readJson(message));
    if (!parsed.success) {
      const detail = parsed.error.message;
      await this.options.deadLetters.record(message, this.options.durable, {
        code: 'INGESTION.COMMAND_INVALID',
        message: detail,
      });
      message.term('INGESTION.COMMAND_INVALID');
      this.options.log('station command dead-lettered', {
        sequence: message.info.streamSequence,
        detail,
      });
      return;
    }
    const command = parsed.data;
    const outcome = await this.options.deliver(command);
    const lastDelivery = message.info.deliveryCount >= this.options.maxDeliver;
    if (outcome.outcome === 'not-connected' && !lastDelivery) {
      const untilExpiryMs = Date.parse(command.expiresAt) - this.options.clock().getTime();
      message.nak(Math.max(0, Math.min(this.options.notConnectedRetryMs, untilExpiryMs)));
      return;
    }
    const deliveries = message.info.deliveryCount;
    const recorded = await this.options.record(command, outcome, deliveries).then(
      () => true,
      (error: unknown) => {
        this.options.log('station command outcome not recorded', { error: String(error) });
        return false;
      },
    );
    message.ack();
    if (outcome.outcome !== 'accepted' || !recorded)
      this.options.log('station command not carried out', {
        commandId: command.commandId,
        operatorId: command.operatorId,
        stationId: command.stationId,
        command: command.command,
        deliveries,
        recorded,
        ...outcome,
      });
  }
}

function readJson(message: JsMsg): unknown {
  try {
    return message.json<unknown>();
  } catch {
    return undefined;
  }
}
