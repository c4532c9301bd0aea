/**
 * Operator API for tariffs: publish a version (OCPI 2.2.1 tariff + validity window),
 * read a tariff with its versions, and preview a draft on a sample session without
 * publishing. A version may carry an overstay fee (`ratingOptions.overstay`). The OCPI body is validated by the engine, so an invalid tariff is answered
 * with one error per bad field.
 */
import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import {
  ianaTimeZoneName,
  nonNegativeDecimalString,
  roundingMode,
  tariffId,
  tariffRatingOptions,
  utcTimestamp,
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
import { previewTariff, RatingRefusal, type TariffPreview } from '@chargeledger/rating/domain';
import { TariffCommandExecutor } from './tariff-command.executor';
import { TariffStore } from './tariff.store';

const tariffParams = operatorParams.extend({ tariffId });
const ocpiTariff = z.unknown().describe('OCPI 2.2.1 Tariff object, validated by the engine');
const versionBody = z.strictObject({
  tariff: ocpiTariff,
  /** Default: the publication instant. Never before it. */
  validFrom: utcTimestamp.optional(),
  /** Exclusive end; null or absent = open-ended. */
  validTo: utcTimestamp.nullable().optional(),
  /** The number of versions the caller saw; refused when another was published since. */
  expectedVersion: z.int().min(0).optional(),
  /** Beyond OCPI: an overstay (idle) fee after a grace period from the end of charging. */
  ratingOptions: tariffRatingOptions.optional(),
});
const previewBody = z.strictObject({
  tariff: ocpiTariff,
  timeZone: ianaTimeZoneName,
  roundingMode: roundingMode.optional(),
  session: z.strictObject({
    startedAt: utcTimestamp,
    endedAt: utcTimestamp,
    readings: z
      .array(
        z.strictObject({
          at: utcTimestamp,
          energyWh: nonNegativeDecimalString,
          powerKw: nonNegativeDecimalString.optional(),
        }),
      )
      .min(1)
      .max(10_000),
    stateChanges: z
      .array(z.strictObject({ at: utcTimestamp, charging: z.boolean() }))
      .max(10_000)
      .optional(),
  }),
});
const tariffView = z.object({
  tariffId: z.string(),
  currency: z.string(),
  versions: z.array(
    z.object({
      version: z.int(),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      publishedAt: z.string(),
      tariff: z.record(z.string(), z.unknown()),
      ratingOptions: tariffRatingOptions.optional(),
    }),
  ),
});
type TariffView = z.infer<typeof tariffView>;
const previewView = z.object({ cdr: z.unknown(), billable: z.unknown() });

@Controller(`${OPERATOR_ROUTE}/tariffs`)
@Authenticated('operator')
export class TariffController {
  constructor(
    private readonly executor: TariffCommandExecutor,
    private readonly store: TariffStore,
  ) {}

  @Post(':tariffId/versions')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'publishTariffVersion',
    summary: 'Publish an immutable version of a tariff with its validity window',
    tag: 'tariffs',
    params: tariffParams,
    body: versionBody,
    idempotent: true,
    response: { status: 201, schema: tariffView },
    problems: [409, 422, 503],
  })
  publishVersion(
    @Param() params: unknown,
    @Body() body: unknown,
    @Headers('idempotency-key') key: unknown,
  ): Promise<TariffView> {
    return asOperator(params, async () => {
      const { tariffId: id } = validated(tariffParams, params, 'path');
      const command = validated(versionBody, body, 'body');
      await this.executor.publish(
        {
          tariffId: id,
          tariff: command.tariff,
          validTo: command.validTo ?? null,
          ...(command.validFrom === undefined ? {} : { validFrom: command.validFrom }),
          ...(command.expectedVersion === undefined
            ? {}
            : { expectedVersion: command.expectedVersion }),
          ...(command.ratingOptions === undefined ? {} : { ratingOptions: command.ratingOptions }),
        },
        idempotencyKeyOf(key),
      );
      return this.view(id);
    });
  }

  @Get(':tariffId')
  @ApiOperation({
    operationId: 'getTariff',
    summary: 'Get a tariff with every version published',
    tag: 'tariffs',
    params: tariffParams,
    response: { status: 200, schema: tariffView },
    problems: [404],
  })
  get(@Param() params: unknown): Promise<TariffView> {
    return asOperator(params, () => this.view(validated(tariffParams, params, 'path').tariffId));
  }

  @Post(':tariffId/preview')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'previewTariff',
    summary: 'Price a sample session with a draft tariff, without publishing it',
    tag: 'tariffs',
    params: tariffParams,
    body: previewBody,
    response: { status: 200, schema: previewView },
    problems: [422],
  })
  preview(@Param() params: unknown, @Body() body: unknown): Promise<TariffPreview> {
    return asOperator(params, () => {
      const request = validated(previewBody, body, 'body');
      return Promise.resolve(
        previewTariff({
          tariff: request.tariff,
          timeZone: request.timeZone,
          ...(request.roundingMode === undefined ? {} : { roundingMode: request.roundingMode }),
          session: {
            startedAt: request.session.startedAt,
            endedAt: request.session.endedAt,
            readings: request.session.readings.map(({ powerKw, ...reading }) => ({
              ...reading,
              ...(powerKw === undefined ? {} : { powerKw }),
            })),
            stateChanges: request.session.stateChanges ?? [],
          },
        }),
      );
    });
  }

  private async view(id: string): Promise<TariffView> {
    const { state, publishedAt } = await this.store.load(id);
    if (state.status !== 'published')
      throw new RatingRefusal('RATING.TARIFF_NOT_FOUND', `tariff ${id} has no published version`);
    return {
      tariffId: state.tariffId,
      currency: state.currency,
      versions: state.versions.map((v) => ({
        version: v.version,
        validFrom: v.validFrom,
        validTo: v.validTo,
        publishedAt: publishedAt.get(v.version) ?? '',
        tariff: v.tariff,
        ...(v.ratingOptions === undefined ? {} : { ratingOptions: v.ratingOptions }),
      })),
    };
  }
}
