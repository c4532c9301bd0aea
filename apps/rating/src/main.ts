/**
 * The rating service: prices sessions against versioned OCPI tariffs, live and final.
 * This file only boots it; behaviour lives in libs.
 */
import { runService } from '@chargeledger/platform/service';

runService({ app: 'rating', httpPort: 3003 });
