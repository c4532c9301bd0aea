import { specOf } from '../testing/given-when-then';
import {
  decideOperator,
  evolveOperator,
  operatorInitialState,
  type OperatorEvent,
} from './operator.decider';

const given = specOf({
  initialState: operatorInitialState,
  evolve: evolveOperator,
  decide: decideOperator,
});
const settings = { currency: 'EUR', roundingMode: 'HALF_UP', defaultVatRatePercent: '21' } as const;
const created: OperatorEvent = {
  type: 'OperatorCreated',
  data: { operatorId: 'acme', name: 'Acme Charging', settings },
};
const create = {
  type: 'CreateOperator',
  operatorId: 'acme',
  name: 'Acme Charging',
  settings,
} as const;

describe('operator', () => {
  it('onboards an operator with its name and billing defaults', () => {
    given([]).when(create).then([created]);
  });

  it('refuses to onboard an operator twice', () => {
    given([created]).when(create).thenRefuses('REGISTRY.OPERATOR_ALREADY_CREATED');
  });

  it('renames, and refuses a rename to the same name', () => {
    const rename = { type: 'RenameOperator', operatorId: 'acme', name: 'Acme Energy' } as const;
    given([created])
      .when(rename)
      .then([{ type: 'OperatorRenamed', data: { operatorId: 'acme', name: 'Acme Energy' } }]);
    given([created])
      .when({ ...rename, name: 'Acme Charging' })
      .thenRefuses('REGISTRY.OPERATOR_NAME_UNCHANGED');
  });

  it('changes only the given settings and carries the whole result', () => {
    given([created])
      .when({
        type: 'ChangeOperatorSettings',
        operatorId: 'acme',
        changes: { roundingMode: 'HALF_EVEN' },
      })
      .then([
        {
          type: 'OperatorSettingsChanged',
          data: { operatorId: 'acme', settings: { ...settings, roundingMode: 'HALF_EVEN' } },
        },
      ]);
  });

  it('refuses settings that change nothing', () => {
    given([created])
      .when({ type: 'ChangeOperatorSettings', operatorId: 'acme', changes: { currency: 'EUR' } })
      .thenRefuses('REGISTRY.OPERATOR_SETTINGS_UNCHANGED');
    given([created])
      .when({ type: 'ChangeOperatorSettings', operatorId: 'acme', changes: {} })
      .thenRefuses('REGISTRY.OPERATOR_SETTINGS_UNCHANGED');
  });

  it('refuses to rename or re-configure an operator that is not onboarded', () => {
    given([])
      .when({ type: 'RenameOperator', operatorId: 'acme', name: 'X' })
      .thenRefuses('REGISTRY.OPERATOR_NOT_FOUND');
    given([])
      .when({ type: 'ChangeOperatorSettings', operatorId: 'acme', changes: { currency: 'DKK' } })
      .thenRefuses('REGISTRY.OPERATOR_NOT_FOUND');
  });
});
