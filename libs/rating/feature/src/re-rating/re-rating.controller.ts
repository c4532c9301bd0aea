/**
 * Operator API for re-rating a rated session: `POST .../sessions/{sessionId}/re-ratings`
 * with a reason and one correction (the session's energy register samples replaced, or
 * another tariff version) answers the SessionReRated it appended: the credit CDR of the
 * latest CDR, the corrected CDR and the delta. Unknown or unrated session → 404; a bad
 * correction → 422 naming each field; a correction raced by another (or made against a
 * CDR no longer the latest, `expectedCdrId`) → 409. Idempotency-Key: a retry answers the
 * same re-rating.
 */
import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  correctedMeterSample,
  ratedSessionCdr,
  reRatingReference,
  SessionReRatedV1,
  tariffId,
} from '@chargeledger/contracts';
import {
  ApiOperation,
  asOperator,
  Authenticated,
  idempotencyKeyOf,
  OPERATOR_ROUTE,
  operatorParams,
  validated,
} from '@chargeledger/platform/http';
import { ReRatingExecutor, type ReRatingView } from './re-rating.executor';

const sessionParams = operatorParams.extend({ sessionId: z.uuid() });
const reRatingBody = z.strictObject({
  reason: z.enum(['DISPUTE', 'METER_ERROR', 'TARIFF_ERROR', 'OTHER']),
  /** The dispute or ticket this correction answers. */
  reference: reRatingReference.optional(),
  correction: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('METER_DATA'),
      /** Replace the session's energy register samples: ascending, inside the session. */
      samples: z.array(correctedMeterSample).min(1).max(10_000),
    }),
    z.strictObject({ kind: z.literal('TARIFF_VERSION'), tariffId, version: z.int().min(1) }),
  ]),
  /** The CDR the caller corrects; refused (409) when another correction replaced it. */
  expectedCdrId: ratedSessionCdr.shape.cdrId.optional(),
});
const reRatingView = z.object({ reRatingId: z.uuid() }).and(SessionReRatedV1.schema);

@Controller(`${OPERATOR_ROUTE}/sessions`)
@Authenticated('operator')
export class ReRatingController {
  constructor(private readonly executor: ReRatingExecutor) {}

  @Post(':sessionId/re-ratings')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'reRateSession',
    summary: 'Correct a rated session: a credit CDR for its latest CDR and a corrected CDR',
    tag: 'sessions',
    params: sessionParams,
    body: reRatingBody,
    idempotent: true,
    response: { status: 201, schema: reRatingView },
    problems: [404, 409, 422, 503],
  })
  reRate(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<ReRatingView> {
    return asOperator(params, () => {
      const { sessionId } = validated(sessionParams, params, 'path');
      const request = validated(reRatingBody, body, 'body');
      return this.executor.reRate(
        {
          sessionId,
          reason: request.reason,
          correction: request.correction,
          ...(request.reference === undefined ? {} : { reference: request.reference }),
          ...(request.expectedCdrId === undefined ? {} : { expectedCdrId: request.expectedCdrId }),
        },
        idempotencyKeyOf(key),
      );
    });
  }
}
