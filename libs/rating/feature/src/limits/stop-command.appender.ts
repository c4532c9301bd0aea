/**
 * The session-rating reactor's appender, with station commands: before a reaction's
 * events are appended, every RemoteStop its SessionStopRequested events name is
 * published to CMD_STATIONS (`cmd.<operatorId>.<stationId>`), once per commandId, with the
 * commandId as Nats-Msg-Id and the stream as the expectation, and acknowledged (bounded
 * retries). Command first: a stop request in the log always has its command, and a crash
 * in between redelivers the fact, which republishes both with the same ids (deduped).
 * The command is a bare StationCommand v1, as ingestion's gateway reads CMD_STATIONS.
 */
import type { JetStreamClient, NatsConnection } from 'nats';
import {
  SessionStopRequestedV1,
  stationCommandV1,
  Subjects,
  type EventEnvelope,
  type Namespace,
  type StationCommand,
  type StreamName,
} from '@chargeledger/contracts';
import {
  publishWithRetries,
  type AppenderOptions,
  type AppendResult,
} from '@chargeledger/platform/eventstore';
import { LivePublishingAppender } from '../live/live-publishing.appender';

export class StopCommandAppender extends LivePublishingAppender {
  private readonly commandSubjects: Subjects;

  constructor(
    private readonly commandJs: JetStreamClient,
    private readonly commandOptions: AppenderOptions,
    nats: NatsConnection,
    private readonly namespace: Namespace,
  ) {
    const subjects = new Subjects(namespace);
    super(commandJs, commandOptions, nats, subjects);
    this.commandSubjects = subjects;
  }

  override async append(events: readonly EventEnvelope[]): Promise<AppendResult[]> {
    const published = new Set<string>();
    for (const event of events) {
      if (event.type !== SessionStopRequestedV1.type) continue;
      const stop = SessionStopRequestedV1.schema.parse(event.data);
      if (published.has(stop.commandId)) continue;
      await this.publishCommand(
        event.operatorid,
        stationCommandV1.parse({
          command: 'RemoteStop',
          commandId: stop.commandId,
          operatorId: event.operatorid,
          stationId: stop.stationId,
          expiresAt: stop.expiresAt,
          transactionId: stop.transactionId,
        }),
      );
      published.add(stop.commandId);
    }
    return super.append(events);
  }

  private async publishCommand(operatorId: string, command: StationCommand): Promise<void> {
    const stream: StreamName = 'CMD_STATIONS';
    const streamName = `${this.namespace.streamPrefix}${stream}`;
    await publishWithRetries(this.commandOptions, command.commandId, () =>
      this.commandJs.publish(
        this.commandSubjects.command(operatorId, command.stationId),
        JSON.stringify(command),
        {
          msgID: command.commandId,
          timeout: this.commandOptions.publishTimeoutMs,
          expect: { streamName },
        },
      ),
    );
  }
}
