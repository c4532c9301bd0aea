/**
 * The ingestion service: validates, dedupes and normalises station telemetry into session facts.
 * This file only boots it; behaviour lives in libs.
 */
import { runService } from '@chargeledger/platform/service';

runService({ app: 'ingestion', httpPort: 3002 });
