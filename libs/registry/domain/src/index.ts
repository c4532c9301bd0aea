/**
 * @chargeledger/registry/domain: the registry's aggregates as pure deciders (operator, site,
 * station, customer account, driver, token, driver group, loyalty membership) and the
 * token authorisation decision.
 */
export * from './shared/assert-never';
export * from './shared/registry-refusal';
export * from './shared/time-zone';
export * from './operator/operator.decider';
export * from './site/site.decider';
export * from './station/station.decider';
export * from './customer-account/customer-account.decider';
export * from './driver/driver.decider';
export * from './token/token.decider';
export * from './token/token-authorization';
export * from './driver-group/driver-group.decider';
export * from './loyalty/loyalty-membership.decider';
