/**
 * Business refusals of the registry, with stable reason codes clients can act on. A
 * `*_NOT_FOUND` code means the aggregate a command addresses does not exist (for this
 * operator); `UNKNOWN_*` means an aggregate the command refers to does not.
 */
export const REGISTRY_REFUSAL_CODES = [
  'REGISTRY.OPERATOR_ALREADY_CREATED',
  'REGISTRY.OPERATOR_NOT_FOUND',
  'REGISTRY.OPERATOR_NAME_UNCHANGED',
  'REGISTRY.OPERATOR_SETTINGS_UNCHANGED',
  'REGISTRY.SITE_ALREADY_REGISTERED',
  'REGISTRY.SITE_NOT_FOUND',
  'REGISTRY.INVALID_TIME_ZONE',
  'REGISTRY.STATION_ALREADY_REGISTERED',
  'REGISTRY.STATION_NOT_FOUND',
  'REGISTRY.UNKNOWN_SITE',
  'REGISTRY.UNKNOWN_STATION',
  'REGISTRY.DUPLICATE_EVSE_ID',
  'REGISTRY.DUPLICATE_CONNECTOR_ID',
  'REGISTRY.TARIFF_ALREADY_ASSIGNED',
  'REGISTRY.ACCOUNT_ALREADY_OPEN',
  'REGISTRY.ACCOUNT_NOT_FOUND',
  'REGISTRY.ACCOUNT_ALREADY_IN_DUNNING',
  'REGISTRY.ACCOUNT_NOT_IN_DUNNING',
  'REGISTRY.DRIVER_ALREADY_REGISTERED',
  'REGISTRY.DRIVER_NOT_FOUND',
  'REGISTRY.DRIVER_PERSONAL_DATA_ALREADY_ERASED',
  'REGISTRY.UNKNOWN_ACCOUNT',
  'REGISTRY.UNKNOWN_DRIVER',
  'REGISTRY.DRIVER_OF_ANOTHER_ACCOUNT',
  'REGISTRY.TOKEN_ALREADY_ISSUED',
  'REGISTRY.TOKEN_NOT_FOUND',
  'REGISTRY.TOKEN_EXPIRY_NOT_IN_FUTURE',
  'REGISTRY.TOKEN_ALREADY_BLOCKED',
  'REGISTRY.TOKEN_NOT_BLOCKED',
  'REGISTRY.DRIVER_GROUP_ALREADY_CREATED',
  'REGISTRY.DRIVER_GROUP_NOT_FOUND',
  'REGISTRY.DRIVER_ALREADY_IN_GROUP',
  'REGISTRY.DRIVER_NOT_IN_GROUP',
  'REGISTRY.DRIVER_GROUP_FULL',
  'REGISTRY.LOYALTY_ALREADY_MEMBER',
  'REGISTRY.LOYALTY_MEMBERSHIP_NOT_FOUND',
  'REGISTRY.LOYALTY_INSUFFICIENT_POINTS',
  'REGISTRY.LOYALTY_BALANCE_LIMIT_EXCEEDED',
  'REGISTRY.LOYALTY_TIER_UNCHANGED',
] as const;

export type RegistryRefusalCode = (typeof REGISTRY_REFUSAL_CODES)[number];

export class RegistryRefusal extends Error {
  constructor(
    readonly code: RegistryRefusalCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RegistryRefusal';
  }

  /** Whether the refusal means the addressed aggregate does not exist. */
  get isNotFound(): boolean {
    return this.code.endsWith('_NOT_FOUND');
  }
}

export function refuse(code: RegistryRefusalCode, message: string): never {
  throw new RegistryRefusal(code, message);
}
