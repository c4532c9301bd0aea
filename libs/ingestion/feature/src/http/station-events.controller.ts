/**
 * Station messages over HTTP, for gateways and CSMSs that cannot publish to NATS. Every
 * message is stored in RAW_GATEWAY before the answer (nothing confirmed is lost) and gets
 * its own result: stored or duplicate, and whether it reads as its kind. A message that
 * does not is answered as rejected with its reason code here, and recorded as
 * RawEventRejected by the normaliser, like any gateway message; plausibility against the
 * session is judged there too, and operators list the outcome under the raw event id.
 * A single message answers 202, or 422 problem+json when it is rejected; a batch answers
 * 200 with one result per message, in order.
 */
import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { readRawMessage } from '@chargeledger/ingestion/domain';
import {
  ApiOperation,
  asOperator,
  Authenticated,
  ProblemError,
  validated,
} from '@chargeledger/platform/http';
import { NatsResource } from '@chargeledger/platform/service';
import { requireTenant } from '@chargeledger/shared/tenancy';
import { RawGatewayWriter } from '../raw/raw-gateway.writer';
import {
  isBatch,
  stationEvent,
  stationEventsBatch,
  stationEventsBody,
  stationEventsResponse,
  stationParams,
  type StationEvent,
  type StationEventResult,
} from './station-events.request';

@Controller('v1/operators/:operatorId/stations/:stationId/events')
@Authenticated('gateway', 'operator')
export class StationEventsController {
  private writerInstance: RawGatewayWriter | undefined;

  constructor(private readonly nats: NatsResource) {}

  /** Created on first use: NATS connects after the controllers are constructed. */
  private get writer(): RawGatewayWriter {
    this.writerInstance ??= new RawGatewayWriter(this.nats.jetstream, this.nats.topology.namespace);
    return this.writerInstance;
  }

  @Post()
  @ApiOperation({
    operationId: 'postStationEvents',
    summary: 'Store station messages (one, or a batch of up to 500) and judge their form',
    tag: 'station events',
    params: stationParams,
    body: stationEventsBody,
    response: { status: 200, schema: stationEventsResponse },
    problems: [422, 503],
  })
  post(
    @Param() params: unknown,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StationEventResult | { results: StationEventResult[] }> {
    return asOperator(params, async () => {
      const { stationId } = validated(stationParams, params, 'path');
      if (isBatch(body)) {
        const { events } = validated(stationEventsBatch, body, 'body');
        const results: StationEventResult[] = [];
        // In order, one at a time: a sender's batch is its order of events.
        for (const event of events) results.push(await this.store(stationId, event));
        response.status(200);
        return { results };
      }
      const result = await this.store(stationId, validated(stationEvent, body, 'body'));
      if (result.verdict === 'rejected')
        throw new ProblemError({
          status: 422,
          code: result.reasonCode ?? 'INGESTION.SCHEMA_VIOLATION',
          title: 'The message does not read as its kind; it is stored and recorded as rejected',
          detail: `${result.detail ?? ''} (raw event ${result.rawEventId})`,
        });
      response.status(202);
      return result;
    });
  }

  private async store(stationId: string, event: StationEvent): Promise<StationEventResult> {
    const operatorId = requireTenant();
    const body = Buffer.from(JSON.stringify(event.payload));
    const stored = await this.writer.store({
      operatorId,
      stationId,
      kind: event.kind,
      messageId: event.messageId,
      body,
    });
    const rawEventId = stored.rawMessageId;
    const reading = readRawMessage({
      operatorId,
      stationId,
      kind: event.kind,
      subjectKind: event.kind,
      rawMessageId: rawEventId,
      streamSequence: stored.streamSequence,
      receivedAt: new Date().toISOString(),
      body,
    });
    return {
      messageId: event.messageId,
      rawEventId,
      streamSequence: stored.streamSequence,
      stored: stored.duplicate ? 'duplicate' : 'stored',
      ...(reading.reading === 'refused'
        ? { verdict: 'rejected', reasonCode: reading.refusal.code, detail: reading.refusal.detail }
        : { verdict: 'accepted' }),
    };
  }
}
