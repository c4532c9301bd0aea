/**
 * Given/when/then for deciders: fold the given events with `evolve`, decide the command,
 * and expect new events or a refusal with its reason code.
 */
import { RegistryRefusal, type RegistryRefusalCode } from '../shared/registry-refusal';

export interface Decider<S, C, E> {
  readonly initialState: S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): E[];
}

export function specOf<S, C, E>(decider: Decider<S, C, E>) {
  return (given: readonly E[]) => ({
    when: (command: C) => {
      const run = (): E[] =>
        decider.decide(command, given.reduce(decider.evolve, decider.initialState));
      return {
        then: (expected: readonly E[]): void => {
          expect(run()).toEqual(expected);
        },
        thenRefuses: (code: RegistryRefusalCode): void => {
          let refusal: unknown;
          try {
            run();
          } catch (error) {
            refusal = error;
          }
          expect(refusal).toBeInstanceOf(RegistryRefusal);
          expect(refusal).toMatchObject({ code });
        },
      };
    },
  });
}
