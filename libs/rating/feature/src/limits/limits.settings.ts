/**
 * Rating's environment for limits and holds, parsed at boot (a bad value stops it, naming
 * the variable). HOLD_DEFAULT_MAX_DURATION_S and HOLD_DEFAULT_MAX_ENERGY_WH bound the hold
 * amount of a session that has no duration or energy limit of its own (defaults: 4 h and
 * 80 kWh, a long AC session or a large battery's full charge). STOP_COMMAND_TTL_S is how
 * long a RemoteStop for a reached limit stays wanted after the fact that reached it
 * (default 300 s): a station offline longer drops it.
 */
import { z } from 'zod';
import { LIMIT_DURATION_S_MAX, LIMIT_ENERGY_WH_MAX } from '@chargeledger/contracts';
import type { HoldDefaults } from '@chargeledger/rating/domain';

export interface LimitsSettings {
  readonly holdDefaults: HoldDefaults;
  readonly stopCommandTtlMs: number;
}

export const RATING_LIMITS_SETTINGS = Symbol('RATING_LIMITS_SETTINGS');

const wholeNumber = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const VARIABLES = {
  HOLD_DEFAULT_MAX_DURATION_S: wholeNumber(60, LIMIT_DURATION_S_MAX, 14_400),
  HOLD_DEFAULT_MAX_ENERGY_WH: wholeNumber(1_000, LIMIT_ENERGY_WH_MAX, 80_000),
  STOP_COMMAND_TTL_S: wholeNumber(10, 3_600, 300),
} as const;

function read(env: Readonly<Record<string, string | undefined>>, name: keyof typeof VARIABLES) {
  const schema = VARIABLES[name];
  const parsed = schema.safeParse(env[name]);
  if (!parsed.success)
    throw new Error(
      `${name} must be a whole number from ${String(schema.def.innerType.minValue)} to ${String(schema.def.innerType.maxValue)}, got ${String(env[name])}`,
    );
  return parsed.data;
}

export function limitsSettingsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): LimitsSettings {
  return {
    holdDefaults: {
      maxDurationS: read(env, 'HOLD_DEFAULT_MAX_DURATION_S'),
      maxEnergyWh: read(env, 'HOLD_DEFAULT_MAX_ENERGY_WH'),
    },
    stopCommandTtlMs: read(env, 'STOP_COMMAND_TTL_S') * 1_000,
  };
}
