/**
 * Gateway traffic for the normaliser benchmark: a fleet of stations (3 of 4 AC with two
 * 22 kW EVSEs, 1 of 4 DC with one 150 kW EVSE) over a few operators, and what their
 * gateways publish while cars charge back to back: StatusNotification Occupied, a
 * TransactionEvent Started, one Updated per sample interval with an increasing register
 * and plausible power, current, voltage (and SoC on DC), Ended, StatusNotification
 * Available. Deterministic: variation comes from a hash of the names, not from a clock.
 * Every message is valid and plausible, so each one yields facts and none is rejected.
 */
import { v5 as uuidv5 } from 'uuid';
import { fnv1a32, type EventData, type StationRegisteredV1 } from '@chargeledger/contracts';

const BENCH_NS = '3f0d7a52-6c1e-4b8e-9a47-2d5e8c1b9f60';
const SAMPLE_INTERVAL_MS = 60_000;
const OPERATORS = 4;
/** RFID cards per operator, four to a (fleet) account. */
const TOKENS_PER_OPERATOR = 200;

export interface BenchStation {
  readonly operatorId: string;
  readonly stationId: string;
  readonly dc: boolean;
  readonly registered: EventData<typeof StationRegisteredV1>;
}

export interface GatewayMessage {
  readonly operatorId: string;
  readonly stationId: string;
  readonly kind: 'transaction-event' | 'status-notification';
  /** The sender's message id (the OCPP unique id a gateway would forward). */
  readonly messageId: string;
  readonly body: string;
  /** Facts the normaliser must publish for it: Started and Ended carry a sample as well. */
  readonly facts: number;
  readonly atMs: number;
}

/** A card the registry issued; sessions start with one of their operator's cards. */
export interface BenchToken {
  readonly operatorId: string;
  readonly uid: string;
  readonly accountId: string;
}

/** A number in [0, 1) fixed by the name: varied but reproducible. */
const unit = (name: string): number => fnv1a32(name) / 2 ** 32;
const between = (name: string, low: number, high: number): number =>
  low + (high - low) * unit(name);

const tokenUidOf = (operatorId: string, card: number): string =>
  `04${[1, 2].map((half) => fnv1a32(`${operatorId}/card/${card}/${half}`).toString(16).padStart(8, '0')).join('')}`
    .slice(0, 14)
    .toUpperCase();

export function benchTokens(): BenchToken[] {
  return Array.from({ length: OPERATORS * TOKENS_PER_OPERATOR }, (_, index) => {
    const operatorId = operatorOf(index % OPERATORS);
    const card = Math.floor(index / OPERATORS);
    return {
      operatorId,
      uid: tokenUidOf(operatorId, card),
      accountId: uuidv5(`${operatorId}/account/${Math.floor(card / 4)}`, BENCH_NS),
    };
  });
}

const operatorOf = (index: number): string => `op-bench-${index}`;

export function benchFleet(stationCount: number): BenchStation[] {
  return Array.from({ length: stationCount }, (_, index) => {
    const dc = index % 4 === 0;
    const stationId = `CS-${dc ? 'DC' : 'AC'}-${String(index).padStart(4, '0')}`;
    const evse = (evseId: number) => ({
      evseId,
      connectors: [
        dc
          ? { connectorId: 1, powerType: 'DC' as const, maxPowerW: 150_000 }
          : { connectorId: 1, powerType: 'AC_3_PHASE' as const, maxPowerW: 22_000 },
      ],
    });
    return {
      operatorId: operatorOf(index % OPERATORS),
      stationId,
      dc,
      registered: {
        stationId,
        siteId: `site-${Math.floor(index / 4)}`,
        ocppVersion: '2.0.1',
        timeZone: 'Europe/Berlin',
        evses: dc ? [evse(1)] : [evse(1), evse(2)],
        credentialsRef: `station-${stationId}`,
      },
    };
  });
}

/**
 * Exactly `count` messages, each station's in time order, the newest a minute before
 * `nowMs`: every connector charges session after session until it has its share.
 */
export function gatewayTraffic(
  fleet: readonly BenchStation[],
  count: number,
  nowMs: number,
): GatewayMessage[][] {
  const connectors = fleet.flatMap((station) =>
    station.registered.evses.map((evse) => ({ station, evseId: evse.evseId })),
  );
  const share = Math.ceil(count / connectors.length);
  const surplus = share * connectors.length - count;
  // generated from 0 first to learn the span, then again ending a minute before now
  const generate = (originMs: number) =>
    connectors.map(({ station, evseId }, index) => {
      const messages = connectorTraffic(station, evseId, share, originMs);
      return messages.slice(0, index < surplus ? share - 1 : share);
    });
  const latestMs = Math.max(...generate(0).flatMap((messages) => messages.at(-1)?.atMs ?? 0));
  const perConnector = generate(nowMs - 60_000 - latestMs);
  return fleet.map((station) =>
    perConnector
      .filter((_, index) => connectors[index]?.station === station)
      .flat()
      .sort((a, b) => a.atMs - b.atMs),
  );
}

function connectorTraffic(
  station: BenchStation,
  evseId: number,
  share: number,
  originMs: number,
): GatewayMessage[] {
  const messages: GatewayMessage[] = [];
  const name = `${station.stationId}/${evseId}`;
  let clockMs = originMs + Math.round(between(`${name}/offset`, 0, 30 * 60_000));
  let registerWh = Math.round(between(`${name}/register`, 1e6, 8e6));
  for (let session = 0; messages.length < share; session++) {
    const key = `${name}/${session}`;
    const transactionId = uuidv5(key, BENCH_NS);
    const powerW = station.dc ? between(key, 40_000, 120_000) : between(key, 3_700, 11_000);
    const updates = Math.round(
      between(`${key}/length`, station.dc ? 10 : 20, station.dc ? 40 : 70),
    );
    const push = (kind: GatewayMessage['kind'], body: object, facts: number): void => {
      messages.push({
        operatorId: station.operatorId,
        stationId: station.stationId,
        kind,
        messageId: `${transactionId}/${messages.length}`,
        body: JSON.stringify(body),
        facts,
        atMs: clockMs,
      });
    };
    const status = (connectorStatus: string) => ({
      timestamp: new Date(clockMs).toISOString(),
      connectorStatus,
      evseId,
      connectorId: 1,
    });
    push('status-notification', status('Occupied'), 1);
    clockMs += 20_000;
    for (let seqNo = 0; seqNo <= updates + 1; seqNo++) {
      const eventType = seqNo === 0 ? 'Started' : seqNo <= updates ? 'Updated' : 'Ended';
      if (seqNo > 0) {
        const stepMs = eventType === 'Ended' ? SAMPLE_INTERVAL_MS / 2 : SAMPLE_INTERVAL_MS;
        clockMs += stepMs;
        registerWh += Math.floor((powerW * stepMs) / 3_600_000);
      }
      const meter = sampledValues(station.dc, registerWh, seqNo === 0 ? 0 : powerW, seqNo);
      push(
        'transaction-event',
        {
          eventType,
          timestamp: new Date(clockMs).toISOString(),
          triggerReason: {
            Started: 'Authorized',
            Updated: 'MeterValuePeriodic',
            Ended: 'EVDeparted',
          }[eventType],
          seqNo,
          transactionInfo: {
            transactionId,
            chargingState: eventType === 'Ended' ? 'EVConnected' : 'Charging',
            ...(eventType === 'Ended' ? { stoppedReason: 'EVDisconnected' } : {}),
            ...(seqNo > 0
              ? { timeSpentCharging: Math.round((seqNo * SAMPLE_INTERVAL_MS) / 1000) }
              : {}),
          },
          ...(eventType === 'Started'
            ? {
                evse: { id: evseId, connectorId: 1 },
                idToken: {
                  idToken: tokenUidOf(
                    station.operatorId,
                    Math.floor(between(`${key}/card`, 0, TOKENS_PER_OPERATOR)),
                  ),
                  type: 'ISO14443',
                },
              }
            : {}),
          meterValue: [{ timestamp: new Date(clockMs).toISOString(), sampledValue: meter }],
        },
        eventType === 'Updated' ? 1 : 2,
      );
      if (messages.length >= share) return messages;
    }
    clockMs += 30_000;
    push('status-notification', status('Available'), 1);
    clockMs += Math.round(between(`${key}/idle`, 2 * 60_000, 20 * 60_000));
  }
  return messages;
}

/** What a meter reports each sample: the register, power, and per-phase or DC detail. */
function sampledValues(dc: boolean, registerWh: number, powerW: number, seqNo: number): object[] {
  const context = seqNo === 0 ? 'Transaction.Begin' : 'Sample.Periodic';
  if (dc)
    return [
      {
        value: registerWh / 1000,
        context,
        measurand: 'Energy.Active.Import.Register',
        unitOfMeasure: { unit: 'kWh' },
      },
      {
        value: Math.round(powerW / 100) / 10,
        context,
        measurand: 'Power.Active.Import',
        unitOfMeasure: { unit: 'kW' },
      },
      {
        value: Math.round(powerW / 400),
        context,
        measurand: 'Current.Import',
        unitOfMeasure: { unit: 'A' },
      },
      { value: 400, context, measurand: 'Voltage', unitOfMeasure: { unit: 'V' } },
      {
        value: Math.min(95, 20 + seqNo),
        context,
        measurand: 'SoC',
        location: 'EV',
        unitOfMeasure: { unit: 'Percent' },
      },
    ];
  const phaseAmps = Math.round((powerW / 3 / 230) * 10) / 10;
  return [
    {
      value: registerWh,
      context,
      measurand: 'Energy.Active.Import.Register',
      unitOfMeasure: { unit: 'Wh' },
    },
    {
      value: Math.round(powerW),
      context,
      measurand: 'Power.Active.Import',
      unitOfMeasure: { unit: 'W' },
    },
    ...(['L1', 'L2', 'L3'] as const).map((phase) => ({
      value: phaseAmps,
      context,
      measurand: 'Current.Import',
      phase,
      unitOfMeasure: { unit: 'A' },
    })),
    ...(['L1-N', 'L2-N', 'L3-N'] as const).map((phase) => ({
      value: 230,
      context,
      measurand: 'Voltage',
      phase,
      unitOfMeasure: { unit: 'V' },
    })),
  ];
}
