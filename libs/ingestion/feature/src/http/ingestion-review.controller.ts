/**
 * What operators review: refused station messages with their reason codes, and sessions
 * flagged for review (never billed silently). Tenant-scoped reads of ingestion's tables,
 * paged by id with a capped limit.
 */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  afterIdOf,
  ApiOperation,
  asOperator,
  Authenticated,
  OPERATOR_ROUTE,
  operatorParams,
  pageOf,
  pageQuery,
  pageSchema,
  validated,
  type Page,
} from '@chargeledger/platform/http';
import { DatabaseResource } from '@chargeledger/platform/service';
import { requireTenant } from '@chargeledger/shared/tenancy';

const rejectionView = z.object({
  rawEventId: z.string(),
  stationId: z.string(),
  sessionId: z.string().nullable(),
  reasonCode: z.string(),
  detail: z.string(),
  receivedAt: z.string(),
  rawStreamSequence: z.coerce.number(),
});
type RejectionView = z.infer<typeof rejectionView>;

const flaggedSessionView = z.object({
  sessionId: z.string(),
  stationId: z.string(),
  transactionId: z.string(),
  status: z.string(),
  startedAt: z.string(),
});
type FlaggedSessionView = z.infer<typeof flaggedSessionView>;

@Controller(OPERATOR_ROUTE)
@Authenticated('operator')
export class IngestionReviewController {
  constructor(private readonly database: DatabaseResource) {}

  @Get('rejections')
  @ApiOperation({
    operationId: 'listRejectedStationMessages',
    summary: 'List refused station messages with their reason codes',
    tag: 'review',
    params: operatorParams,
    query: pageQuery,
    response: { status: 200, schema: pageSchema(rejectionView) },
    problems: [],
  })
  rejections(@Param() params: unknown, @Query() query: unknown): Promise<Page<RejectionView>> {
    return asOperator(params, async () => {
      const { limit, cursor } = validated(pageQuery, query, 'query');
      const rows: unknown = await this.database.dataSource.query(
        `SELECT raw_event_id AS "rawEventId", station_id AS "stationId", session_id AS "sessionId",
                reason_code AS "reasonCode", detail, received_at AS "receivedAt",
                raw_stream_sequence AS "rawStreamSequence"
         FROM ingestion_rejections_v1
         WHERE operator_id = $1 AND ($2::uuid IS NULL OR raw_event_id > $2::uuid)
         ORDER BY raw_event_id LIMIT $3`,
        [requireTenant(), afterIdOf(cursor) ?? null, limit],
      );
      const items = z.array(rejectionView).parse(rows);
      return pageOf(items, limit, items.at(-1)?.rawEventId);
    });
  }

  @Get('sessions-needing-review')
  @ApiOperation({
    operationId: 'listSessionsNeedingReview',
    summary: 'List sessions flagged for review before billing',
    tag: 'review',
    params: operatorParams,
    query: pageQuery,
    response: { status: 200, schema: pageSchema(flaggedSessionView) },
    problems: [],
  })
  flagged(@Param() params: unknown, @Query() query: unknown): Promise<Page<FlaggedSessionView>> {
    return asOperator(params, async () => {
      const { limit, cursor } = validated(pageQuery, query, 'query');
      const rows: unknown = await this.database.dataSource.query(
        `SELECT session_id AS "sessionId", station_id AS "stationId",
                transaction_id AS "transactionId", status, started_at AS "startedAt"
         FROM ingestion_sessions_v1
         WHERE operator_id = $1 AND needs_review AND ($2::uuid IS NULL OR session_id > $2::uuid)
         ORDER BY session_id LIMIT $3`,
        [requireTenant(), afterIdOf(cursor) ?? null, limit],
      );
      const items = z.array(flaggedSessionView).parse(rows);
      return pageOf(items, limit, items.at(-1)?.sessionId);
    });
  }
}
