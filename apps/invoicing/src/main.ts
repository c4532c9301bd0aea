/**
 * The invoicing service: receipts, statements, credit notes, disputes, ledger and reconciliation.
 * This file only boots it; behaviour lives in libs.
 */
import { runService } from '@chargeledger/platform/service';

runService({ app: 'invoicing', httpPort: 3005 });
