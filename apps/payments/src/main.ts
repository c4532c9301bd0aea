/**
 * The payments service: holds, captures, refunds and chargebacks through Stripe.
 * This file only boots it; behaviour lives in libs.
 */
import { runService } from '@chargeledger/platform/service';

runService({ app: 'payments', httpPort: 3004 });
