/**
 * Turns RAW_GATEWAY into EVT_INGESTION, one bounded batch at a time:
 *   pull and read the bodies (the next batch's while this one waits on I/O) → claim raw
 *   ids (a message handled before is only acked) → load and lock the named sessions
 *   (beside it: ask the registry view for stations and tokens) → decide (pure) → publish
 *   the facts (beside it: append the accepted samples and the rejections) → save states
 *   → commit → ack. Samples of sessions seen before at the same version come from memory.
 * The facts are published inside the open transaction: if the process dies before the
 * commit, the redelivered batch decides the same events with the same ids, and JetStream
 * dedupes them. A failed batch is rolled back and nak'd; the next pulls take one message
 * at a time until that many have passed, so a poison message fails alone and is
 * dead-lettered at max deliver instead of dragging its neighbours with it.
 */
import type { JetStreamClient, JsMsg } from 'nats';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Namespace, TokenAuthorization } from '@chargeledger/contracts';
import { Subjects } from '@chargeledger/contracts';
import {
  decideRawBatch,
  tokensToJudge,
  type PlausibilityPolicy,
  type RawInput,
  type RawReading,
} from '@chargeledger/ingestion/domain';
import {
  settleAll,
  type DeadLetterStore,
  type EventAppender,
} from '@chargeledger/platform/eventstore';
import type { Counter } from '@chargeledger/platform/service';
import type { RegistryViewQueries } from '../registry-view/registry-view.queries';
import { readCaughtUp, type CaughtUpReadOptions } from '../registry-view/caught-up.read';
import { stationKeyOf, type StationFacts } from '../registry-view/registry-view.queries';
import { readMessages, type ReadMessage } from './raw-message';
import { RawBatchFetcher } from './raw-batch.fetcher';
import { publishDecisions, subjectAppendsOf } from './normalised-events.publisher';
import { claimRawMessages, saveRejections } from './raw-message.ledger';
import {
  appendAcceptedSamples,
  loadSessionsForUpdate,
  saveSessions,
  sessionWritesOf,
  type SessionStateWrite,
} from './session-state.store';
import { SessionSamplesCache } from './session-samples.cache';
import { SessionIdMemo } from './session-id.memo';

export const INGESTION_GATEWAY_CONSUMER = 'ingestion-gateway';

export interface GatewayNormaliserOptions {
  readonly js: JetStreamClient;
  readonly dataSource: DataSource;
  readonly appender: EventAppender;
  readonly registry: RegistryViewQueries;
  readonly deadLetters: DeadLetterStore;
  readonly namespace: Namespace;
  readonly durable: string;
  readonly policy: PlausibilityPolicy;
  readonly batchSizeMax: number;
  readonly fetchExpiresMs: number;
  readonly nakDelayMs: number;
  readonly maxDeliver: number;
  readonly publishConcurrencyMax: number;
  /** Sessions whose samples and ids stay in memory between batches. */
  readonly sessionsCachedMax: number;
  /**
   * Whether ingestion's registry view has applied every registry event published so far:
   * a station it does not know is refused only then, never because the view lags.
   */
  readonly registryViewCaughtUp: () => Promise<boolean>;
  /** Counts messages that changed nothing: handled before, or an identical resend. */
  readonly duplicates: Counter;
  readonly log: (event: string, detail: Record<string, unknown>) => void;
}

export interface BatchResult {
  readonly pulled: number;
  readonly duplicates: number;
  readonly published: number;
}

interface HandledBatch {
  readonly result: BatchResult;
  /** The sessions the batch changed, as written: their samples are kept once it commits. */
  readonly sessions: readonly SessionStateWrite[];
}

const REGISTRY_VIEW_WAIT_MS = 10_000;
const REGISTRY_VIEW_POLL_MS = 100;

export class GatewayNormaliser {
  private readonly fetcher: RawBatchFetcher<ReadMessage[]>;

  private readonly caughtUpRead: CaughtUpReadOptions;

  private readonly samples: SessionSamplesCache;

  constructor(private readonly options: GatewayNormaliserOptions) {
    const { sessionIdOf } = new SessionIdMemo(options.sessionsCachedMax);
    this.fetcher = new RawBatchFetcher({
      ...options,
      stream: `${options.namespace.streamPrefix}RAW_GATEWAY`,
      read: (messages) => readMessages(messages, options.namespace.subjectPrefix, sessionIdOf),
    });
    this.samples = new SessionSamplesCache(options.sessionsCachedMax);
    this.caughtUpRead = {
      caughtUp: options.registryViewCaughtUp,
      waitMs: REGISTRY_VIEW_WAIT_MS,
      pollMs: REGISTRY_VIEW_POLL_MS,
    };
  }

  async runOnce(): Promise<BatchResult> {
    const { messages, read } = await this.fetcher.next();
    if (messages.length === 0) return { pulled: 0, duplicates: 0, published: 0 };
    const tx = this.options.dataSource.createQueryRunner();
    try {
      await tx.connect();
      await tx.startTransaction();
      const { result, sessions } = await this.handle(read, tx);
      await tx.commitTransaction();
      for (const { sessionId, version, state } of sessions)
        this.samples.remember(sessionId, version, state.samples);
      for (const message of messages) message.ack();
      this.options.duplicates.add(result.duplicates);
      return result;
    } catch (error) {
      if (tx.isTransactionActive) await tx.rollbackTransaction();
      await this.settleFailure(messages, error);
      await this.fetcher.failed(messages.length);
      throw error;
    } finally {
      await tx.release();
    }
  }

  /** Hands the batch fetched ahead back for redelivery; call after the loop stopped. */
  handBackAhead(): Promise<void> {
    return this.fetcher.handBack();
  }

  private async handle(messages: readonly ReadMessage[], tx: QueryRunner): Promise<HandledBatch> {
    const { namespace, policy } = this.options;
    const readAll: RawReading[] = [];
    for (const { message, reading } of messages) {
      if (reading === undefined) await this.deadLetter(message, 'INGESTION.UNREADABLE_SUBJECT');
      else readAll.push(reading);
    }
    const inputs = readAll.map((reading) => reading.raw);
    // asking the registry view needs no lock: done beside the claim
    const [{ readings, operatorOf, stored }, stations, tokens] = await settleAll([
      this.claimAndLock(tx, readAll),
      this.stationsOf(inputs),
      this.tokenDecisionsOf(readAll),
    ]);
    const { decisions, sessions } = decideRawBatch(readings, {
      station: (operatorId, stationId) => stations.get(stationKeyOf(operatorId, stationId)),
      session: (sessionId) => stored.get(sessionId)?.state,
      tokenDecision: (operatorId, uid, at) => {
        const decision = tokens.get(JSON.stringify([operatorId, uid, at]));
        if (decision === undefined) throw new Error(`token of ${operatorId} at ${at} not judged`);
        return decision;
      },
      policy,
    });
    // what Postgres records of the decisions alone it writes while the facts are published
    const [published] = await settleAll([
      publishDecisions(
        this.options.appender,
        subjectAppendsOf(decisions, new Subjects(namespace)),
        (sessionId) => stored.get(sessionId)?.version ?? 0,
        this.options.publishConcurrencyMax,
      ),
      appendAcceptedSamples(tx, decisions),
      saveRejections(tx, decisions),
    ]);
    const writes = sessionWritesOf(
      sessions,
      (sessionId) => published.sessionVersions.get(sessionId) ?? stored.get(sessionId)?.version,
      operatorOf,
    );
    await saveSessions(tx, writes);
    const result = {
      pulled: messages.length,
      // handled before (past JetStream's window), or a resend the decider found identical
      duplicates:
        readAll.length - readings.length + decisions.filter((d) => d.events.length === 0).length,
      published: published.eventCount,
    };
    return { result, sessions: writes };
  }

  /** Claims the raw messages; returns the readings of those not handled before, and locks their sessions. */
  private async claimAndLock(tx: QueryRunner, readAll: readonly RawReading[]) {
    const inputs = readAll.map((r) => r.raw);
    const fresh = new Set(await claimRawMessages(tx, inputs));
    const readings = readAll.filter((r) => fresh.delete(r.raw));
    const operatorOf = new Map<string, string>();
    for (const r of readings) {
      if (r.reading === 'transaction-event') operatorOf.set(r.sessionId, r.raw.operatorId);
    }
    const stored = await loadSessionsForUpdate(tx, [...operatorOf.keys()], this.samples);
    return { readings, operatorOf, stored };
  }

  /**
   * The registry view's decisions on the distinct tokens the batch's messages present, in
   * one query; an unknown token waits (bounded) for a lagging view before it counts as unknown.
   */
  private async tokenDecisionsOf(
    readings: readonly RawReading[],
  ): Promise<Map<string, TokenAuthorization>> {
    const tokens = tokensToJudge(readings);
    const decisions = await readCaughtUp(
      () => this.options.registry.authorizeAll(tokens),
      (all) => all.every(({ status }) => status !== 'UNKNOWN'),
      this.caughtUpRead,
    );
    const decided = new Map<string, TokenAuthorization>();
    tokens.forEach(({ operatorId, uid, at }, index) => {
      const decision = decisions[index];
      if (decision !== undefined) decided.set(JSON.stringify([operatorId, uid, at]), decision);
    });
    return decided;
  }

  /** The stations the inputs name, waiting (bounded) for a lagging registry view. */
  private stationsOf(inputs: readonly RawInput[]): Promise<Map<string, StationFacts>> {
    return readCaughtUp(
      () => this.options.registry.stations(inputs),
      (stations) => inputs.every((i) => stations.has(stationKeyOf(i.operatorId, i.stationId))),
      this.caughtUpRead,
    );
  }

  private async deadLetter(message: JsMsg, code: string, detail = message.subject): Promise<void> {
    await this.options.deadLetters.record(message, this.options.durable, { code, message: detail });
    message.term(code);
    this.options.log('raw message dead-lettered', {
      sequence: message.info.streamSequence,
      code,
      detail,
    });
  }

  private async settleFailure(messages: readonly JsMsg[], error: unknown): Promise<void> {
    const { maxDeliver, nakDelayMs } = this.options;
    for (const message of messages) {
      if (message.info.deliveryCount < maxDeliver) {
        message.nak(nakDelayMs);
        continue;
      }
      const detail = error instanceof Error ? error.message : String(error);
      await this.deadLetter(message, 'INGESTION.NORMALISE_FAILED', detail);
    }
  }
}
