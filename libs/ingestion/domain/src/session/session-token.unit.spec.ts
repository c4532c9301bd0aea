import { tokenRefOf, type TokenAuthorization } from '@chargeledger/contracts';
import { ACCEPTED, decideAll, OPERATOR, payload, t } from '../testing/transaction-event.builder';
import { billedEnergyWh } from './session.state';

const withToken = (idToken: string, type = 'ISO14443') =>
  payload('Started', 0, t(0), [{ at: t(0), kWh: 100 }], { idToken: { idToken, type } });
const ended = payload('Ended', 1, t(10), [{ at: t(10), kWh: 104 }]);
const REF = tokenRefOf(OPERATOR, 'RFID-7');

describe('session decider: the start token', () => {
  it('given an accepted token, when Started, then SessionStarted carries its tokenRef and nothing is flagged', () => {
    const { events, state } = decideAll([withToken('RFID-7')], { tokenAuthorization: ACCEPTED });
    expect(events[0]).toMatchObject({ type: 'SessionStarted', data: { tokenRef: REF } });
    expect(events.map((e) => e.type)).not.toContain('SessionFlaggedForReview');
    expect(state).toMatchObject({ needsReview: false });
  });

  it.each<[TokenAuthorization, string]>([
    [{ status: 'UNKNOWN', reason: 'REGISTRY.TOKEN_UNKNOWN' }, 'INGESTION.UNKNOWN_TOKEN'],
    [{ status: 'UNKNOWN', reason: 'REGISTRY.ACCOUNT_UNKNOWN' }, 'INGESTION.UNKNOWN_TOKEN'],
    [{ status: 'BLOCKED', reason: 'REGISTRY.TOKEN_BLOCKED' }, 'INGESTION.TOKEN_NOT_ACCEPTED'],
    [{ status: 'BLOCKED', reason: 'REGISTRY.ACCOUNT_IN_DUNNING' }, 'INGESTION.TOKEN_NOT_ACCEPTED'],
    [{ status: 'EXPIRED', reason: 'REGISTRY.TOKEN_EXPIRED' }, 'INGESTION.TOKEN_NOT_ACCEPTED'],
  ])(
    'given a token judged %o, when Started, then the session is kept and flagged %s',
    (decision, code) => {
      const facts = { tokenAuthorization: decision };
      const { events, state } = decideAll([withToken('RFID-7'), ended], facts);
      expect(events.map((e) => e.type).slice(0, 3)).toEqual([
        'SessionStarted',
        'MeterValuesRecorded',
        'SessionFlaggedForReview',
      ]);
      expect(events[0]).toMatchObject({ data: { tokenRef: REF } });
      expect(events[2]).toMatchObject({ data: { reasonCode: code } });
      expect(JSON.stringify(events[2])).not.toContain('RFID-7');
      expect(state).toMatchObject({ status: 'ended', needsReview: true });
      expect(billedEnergyWh(state)).toBe('4000');
    },
  );

  it('given a flagged start, when the Started is resent, then no second flag', () => {
    const facts = {
      tokenAuthorization: { status: 'UNKNOWN', reason: 'REGISTRY.TOKEN_UNKNOWN' },
    } as const;
    const { events } = decideAll([withToken('RFID-7'), withToken('RFID-7')], facts);
    expect(events.filter((e) => e.type === 'SessionFlaggedForReview')).toHaveLength(1);
  });

  it('given a free-vend start (NoAuthorization), when Started, then no token is judged', () => {
    const { events } = decideAll([withToken('', 'NoAuthorization')]);
    expect(events[0]?.data).not.toHaveProperty('tokenRef');
    expect(events.map((e) => e.type)).toEqual(['SessionStarted', 'MeterValuesRecorded']);
  });

  it('given a token nobody judged, when Started, then the caller is at fault and it throws', () => {
    expect(() => decideAll([withToken('RFID-7')])).toThrow('was not judged');
  });

  it('given a tokenless start, when an Updated presents a token and is resent, then one SessionTokenPresented', () => {
    const tokenless = payload('Started', 0, t(0), [{ at: t(0), kWh: 100 }]);
    const presenting = payload('Updated', 1, t(5), [{ at: t(5), kWh: 102 }], {
      idToken: { idToken: 'RFID-7', type: 'ISO14443' },
    });
    const endedAfter = payload('Ended', 2, t(10), [{ at: t(10), kWh: 104 }]);
    const { events, state } = decideAll([tokenless, presenting, presenting, endedAfter], {
      tokenAuthorization: ACCEPTED,
    });
    expect(events.filter((e) => e.type === 'SessionTokenPresented')).toEqual([
      expect.objectContaining({
        data: {
          sessionId: state.status === 'unknown' ? '' : state.start.sessionId,
          tokenRef: REF,
          presentedAt: t(5),
        },
      }),
    ]);
    expect(state).toMatchObject({ status: 'ended', needsReview: false, laterTokenRef: REF });
  });

  it('given a tokenless session that ended, when a late Updated or a resent Ended presents a token, then no token is recorded', () => {
    const tokenless = payload('Started', 0, t(0), [{ at: t(0), kWh: 100 }]);
    const rfid = { idToken: { idToken: 'RFID-7', type: 'ISO14443' } };
    const endedTokenless = payload('Ended', 2, t(10), [{ at: t(10), kWh: 104 }]);
    const lateUpdated = payload('Updated', 1, t(5), [{ at: t(5), kWh: 102 }], rfid);
    const { events, state } = decideAll(
      [tokenless, endedTokenless, lateUpdated, { ...endedTokenless, ...rfid }],
      { tokenAuthorization: ACCEPTED },
    );
    expect(events.map((e) => e.type)).not.toContain('SessionTokenPresented');
    // the late Updated is accepted (its reading is inside the session), only its token is not
    expect(events.map((e) => e.type)).not.toContain('RawEventRejected');
    expect(events.filter((e) => e.type === 'MeterValuesRecorded')).toHaveLength(3);
    expect(state).toMatchObject({ status: 'ended' });
    expect(state).not.toHaveProperty('laterTokenRef');
  });
});
