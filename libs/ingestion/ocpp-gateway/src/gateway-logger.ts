/** The log lines the gateway writes: structured (pino-style `(fields, message)`). */
import type { Logger } from '@chargeledger/shared/observability';

export type GatewayLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
