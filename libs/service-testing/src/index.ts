/**
 * @chargeledger/service-testing: a whole service booted for its tests. Separate from
 * @chargeledger/testing because it builds on the platform libs that one serves.
 */
export * from './service-under-test';
