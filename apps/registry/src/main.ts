/**
 * The registry service: operators, sites, stations, customers, drivers, tokens and loyalty; the only home of personal data.
 * This file only boots it; behaviour lives in libs.
 */
import { runService } from '@chargeledger/platform/service';

runService({ app: 'registry', httpPort: 3001 });
