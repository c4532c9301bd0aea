/**
 * Operator API for the loyalty programme rating applies: define it (replacing the one
 * before, from now on) and read it. A definition is appended on the operator's
 * `loyalty-programme` subject against the loaded stream sequence (reloading on a
 * conflict, bounded), then read back once rating's table has applied it. The event id is
 * `commandEventId(Idempotency-Key, operator)`: a retry whose event is applied is answered
 * from current state (the key with another definition is refused); one racing the first
 * attempt carries the same id, which JetStream dedupes.
 */
import { isDeepStrictEqual } from 'node:util';
import { Body, Controller, Get, Headers, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import {
  commandEventId,
  createEnvelope,
  LoyaltyProgrammeDefinedV1,
  loyaltyTierTerms,
  money,
  Subjects,
} from '@chargeledger/contracts';
import {
  DEFAULT_APPENDER_OPTIONS,
  EventAppender,
  executeAggregateCommand,
} from '@chargeledger/platform/eventstore';
import {
  ApiOperation,
  asOperator,
  Authenticated,
  idempotencyKeyOf,
  OPERATOR_ROUTE,
  operatorParams,
  validated,
  waitUntilProjected,
} from '@chargeledger/platform/http';
import { NatsResource } from '@chargeledger/platform/service';
import { RatingRefusal } from '@chargeledger/rating/domain';
import { currentTraceparent } from '@chargeledger/shared/observability';
import { requireTenant } from '@chargeledger/shared/tenancy';
import { IdempotencyKeyReusedError } from '../commands/aggregate-command.errors';
import { LoyaltyProgrammeStore } from './loyalty-programme.store';

const ATTEMPTS_MAX = 3;
const RELOAD_DELAY_MS = 50;

const programmeBody = LoyaltyProgrammeDefinedV1.schema;
const programmeView = z.object({
  tiers: z.array(loyaltyTierTerms),
  pointValue: money.optional(),
  /** When this definition was recorded: it applies to sessions starting from then. */
  definedAt: z.string(),
});
type ProgrammeView = z.infer<typeof programmeView>;

@Controller(`${OPERATOR_ROUTE}/loyalty-programme`)
@Authenticated('operator')
export class LoyaltyProgrammeController {
  private appenderInstance: EventAppender | undefined;

  constructor(
    private readonly nats: NatsResource,
    private readonly store: LoyaltyProgrammeStore,
  ) {}

  @Put()
  @ApiOperation({
    operationId: 'defineLoyaltyProgramme',
    summary: 'Define the loyalty programme: per tier, the session discount and points earned',
    tag: 'loyalty',
    params: operatorParams,
    body: programmeBody,
    idempotent: true,
    response: { status: 200, schema: programmeView },
    problems: [422, 503],
  })
  define(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<ProgrammeView> {
    return asOperator(params, async () => {
      const data = validated(programmeBody, body, 'body');
      const operatorId = requireTenant();
      const eventId = commandEventId(idempotencyKeyOf(key), operatorId);
      const applied = await this.store.definitionOf(eventId);
      if (applied === undefined) await this.append(operatorId, eventId, data);
      else if (!isDeepStrictEqual({ tiers: applied.tiers, pointValue: applied.pointValue }, data))
        throw new IdempotencyKeyReusedError();
      return this.view();
    });
  }

  @Get()
  @ApiOperation({
    operationId: 'getLoyaltyProgramme',
    summary: 'Get the loyalty programme in effect now',
    tag: 'loyalty',
    params: operatorParams,
    response: { status: 200, schema: programmeView },
    problems: [404],
  })
  get(@Param() params: unknown): Promise<ProgrammeView> {
    return asOperator(params, () => this.view());
  }

  private async append(
    operatorId: string,
    eventId: string,
    data: z.infer<typeof programmeBody>,
  ): Promise<void> {
    this.appenderInstance ??= new EventAppender(this.nats.jetstream, DEFAULT_APPENDER_OPTIONS);
    const subject = new Subjects(this.nats.topology.namespace).event({
      context: 'rating',
      operatorId,
      aggregate: LoyaltyProgrammeDefinedV1.aggregate,
      id: operatorId,
    });
    const traceparent = currentTraceparent();
    const time = new Date().toISOString();
    await executeAggregateCommand(
      this.appenderInstance,
      {
        load: () => this.store.load(),
        decide: () => [
          createEnvelope(LoyaltyProgrammeDefinedV1, {
            id: eventId,
            subject,
            operatorId,
            time,
            data,
            correlationId: eventId,
            ...(traceparent === undefined ? {} : { traceparent }),
          }),
        ],
      },
      null,
      { attemptsMax: ATTEMPTS_MAX, reloadDelayMs: RELOAD_DELAY_MS },
    );
    await waitUntilProjected('RATING', eventId, (id) => this.store.isApplied(id));
  }

  private async view(): Promise<ProgrammeView> {
    const { state } = await this.store.load();
    if (state === undefined)
      throw new RatingRefusal('RATING.LOYALTY_PROGRAMME_NOT_FOUND', 'no loyalty programme defined');
    const { pointValue } = state;
    return {
      tiers: [...state.tiers],
      ...(pointValue === undefined ? {} : { pointValue }),
      definedAt: state.effectiveFrom,
    };
  }
}
