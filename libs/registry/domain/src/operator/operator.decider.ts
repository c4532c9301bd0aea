/**
 * Operator: the tenant itself, with its trading name and billing defaults (currency,
 * rounding mode, default VAT rate) that rating and invoicing settle with. Onboarded once,
 * then renamed or re-configured; a command that would change nothing is refused, so every
 * event in the log is a real change.
 */
import { z } from 'zod';
import {
  operatorId,
  operatorName,
  operatorSettings,
  type EventData,
  type OperatorCreatedV1,
  type OperatorRenamedV1,
  type OperatorSettingsChangedV1,
} from '@chargeledger/contracts';
import { assertNever } from '../shared/assert-never';
import { refuse } from '../shared/registry-refusal';

export const operatorStateSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('unregistered') }),
  z.strictObject({
    status: z.literal('active'),
    operatorId,
    name: operatorName,
    settings: operatorSettings,
  }),
]);
export type OperatorState = z.infer<typeof operatorStateSchema>;
export type OperatorSettings = z.infer<typeof operatorSettings>;

export type OperatorEvent =
  | { readonly type: 'OperatorCreated'; readonly data: EventData<typeof OperatorCreatedV1> }
  | { readonly type: 'OperatorRenamed'; readonly data: EventData<typeof OperatorRenamedV1> }
  | {
      readonly type: 'OperatorSettingsChanged';
      readonly data: EventData<typeof OperatorSettingsChangedV1>;
    };

export type OperatorCommand =
  | {
      readonly type: 'CreateOperator';
      readonly operatorId: string;
      readonly name: string;
      readonly settings: OperatorSettings;
    }
  | { readonly type: 'RenameOperator'; readonly operatorId: string; readonly name: string }
  | {
      readonly type: 'ChangeOperatorSettings';
      readonly operatorId: string;
      /** Only the settings to change; absent or undefined ones keep their value. */
      readonly changes: {
        readonly [K in keyof OperatorSettings]?: OperatorSettings[K] | undefined;
      };
    };

export const operatorInitialState: OperatorState = { status: 'unregistered' };

export function evolveOperator(state: OperatorState, event: OperatorEvent): OperatorState {
  switch (event.type) {
    case 'OperatorCreated':
      return { status: 'active', ...event.data };
    case 'OperatorRenamed':
      return state.status === 'active' ? { ...state, name: event.data.name } : state;
    case 'OperatorSettingsChanged':
      return state.status === 'active' ? { ...state, settings: event.data.settings } : state;
    default:
      return assertNever(event);
  }
}

export function decideOperator(command: OperatorCommand, state: OperatorState): OperatorEvent[] {
  switch (command.type) {
    case 'CreateOperator': {
      if (state.status !== 'unregistered')
        refuse('REGISTRY.OPERATOR_ALREADY_CREATED', `operator ${command.operatorId} exists`);
      const { operatorId: id, name, settings } = command;
      return [{ type: 'OperatorCreated', data: { operatorId: id, name, settings } }];
    }
    case 'RenameOperator': {
      const operator = existing(state, command.operatorId);
      if (operator.name === command.name)
        refuse('REGISTRY.OPERATOR_NAME_UNCHANGED', `the operator is already named so`);
      return [
        { type: 'OperatorRenamed', data: { operatorId: operator.operatorId, name: command.name } },
      ];
    }
    case 'ChangeOperatorSettings': {
      const operator = existing(state, command.operatorId);
      const current = operator.settings;
      const {
        currency = current.currency,
        roundingMode = current.roundingMode,
        defaultVatRatePercent = current.defaultVatRatePercent,
      } = command.changes;
      const settings = { currency, roundingMode, defaultVatRatePercent };
      const changed = operatorSettings
        .keyof()
        .options.some((key) => settings[key] !== current[key]);
      if (!changed)
        refuse('REGISTRY.OPERATOR_SETTINGS_UNCHANGED', 'the settings already have these values');
      return [
        { type: 'OperatorSettingsChanged', data: { operatorId: operator.operatorId, settings } },
      ];
    }
    default:
      return assertNever(command);
  }
}

function existing(
  state: OperatorState,
  operatorId: string,
): Extract<OperatorState, { status: 'active' }> {
  if (state.status === 'unregistered')
    refuse('REGISTRY.OPERATOR_NOT_FOUND', `operator ${operatorId} is not onboarded`);
  return state;
}
