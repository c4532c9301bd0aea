/**
 * The analytics service: read models and aggregates over every event stream.
 * This file only boots it; behaviour lives in libs.
 */
import { runService } from '@chargeledger/platform/service';

runService({ app: 'analytics', httpPort: 3006 });
