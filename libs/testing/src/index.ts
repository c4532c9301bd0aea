/** Test harness: isolated infrastructure per suite, and builders that emit events. */
export * from './charging-session.builder';
export * from './test-infrastructure';
export * from './stale-suites.sweep';
export * from './ocpp-charger';
export * from './stream-contents';
