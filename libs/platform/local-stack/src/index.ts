/**
 * Local stack: reuse the configured NATS and Postgres when they answer, start private
 * ones where nothing does, so `npm start` and the tests run on any machine.
 */
export { ensureLocalStack } from './local-stack.ensure';
export type { LocalStack, LocalStackOptions } from './local-stack.ensure';
export { isReachable } from './tcp-probe.util';
export { LOCAL_DEV_AUTH_JWT_SECRET } from './local-dev-auth';
export { serverCpu } from './server-cpu';
export type { ServerCpu } from './server-cpu';
export {
  boundRatio,
  cpuBoundText,
  cpuPerItemText,
  figure,
  median,
  medianOfMeasured,
  startMeasuredRun,
} from './measured-run';
export type { MeasuredRun } from './measured-run';
