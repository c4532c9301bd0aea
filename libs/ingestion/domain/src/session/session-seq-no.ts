/**
 * seqNo gaps of stations that number their messages (OCPP 2.0.1): a seqNo between the first
 * and the last accepted one that never arrived, or was refused, is a missing message. The
 * gap is judged when the session ends and again whenever a message arrives after the end;
 * while the session is open a gap is just a message still on its way. The accepted seqNos
 * are a projection of the session's events (samples carry theirs, SessionSeqNoReceived the
 * rest), so the gap recorded by the last SessionMarkedIncomplete / SessionMarkedComplete
 * always equals the gap of the seqNos accepted before the next message.
 */
import { SEQ_NO_RANGES_MAX, type SeqNoRange } from '@chargeledger/contracts';
import type { SessionEvent, SessionState } from './session.state';

type Known = Exclude<SessionState, { status: 'unknown' }>;

export function acceptedSeqNos(state: SessionState): Set<number> {
  if (state.status === 'unknown') return new Set();
  const fromSamples = state.samples.flatMap((s) => (s.seqNo === undefined ? [] : [s.seqNo]));
  return new Set([...fromSamples, ...state.seqNosWithoutSamples]);
}

export interface SeqNoGap {
  readonly ranges: readonly SeqNoRange[];
  readonly missingCount: number;
}

export function seqNoGapOf(seqNos: ReadonlySet<number>): SeqNoGap {
  const sorted = [...seqNos].sort((a, b) => a - b);
  const ranges: SeqNoRange[] = [];
  let missingCount = 0;
  for (let i = 1; i < sorted.length; i++) {
    const before = sorted[i - 1];
    const after = sorted[i];
    if (before === undefined || after === undefined || after - before < 2) continue;
    missingCount += after - before - 1;
    if (ranges.length < SEQ_NO_RANGES_MAX) ranges.push({ from: before + 1, to: after - 1 });
  }
  return { ranges, missingCount };
}

/**
 * The gap facts after accepting message `seqNo`: at the end a SessionMarkedIncomplete when
 * seqNos are missing; after the end a new one when the gap changed, or a
 * SessionMarkedComplete when the message filled the last missing seqNo. Nothing otherwise,
 * so a resent message decides nothing.
 */
export function seqNoGapFacts(before: SessionState, endsNow: boolean, seqNo: number) {
  if (before.status === 'unknown' || (before.status === 'open' && !endsNow)) return [];
  const seqNos = acceptedSeqNos(before);
  const gapBefore = before.status === 'ended' ? seqNoGapOf(seqNos) : undefined;
  const gap = seqNoGapOf(seqNos.add(seqNo));
  if (gapBefore !== undefined && sameGap(gapBefore, gap)) return [];
  if (gap.missingCount > 0) return [incomplete(before, gap)];
  return gapBefore === undefined ? [] : [complete(before)];
}

/** Keeps a seqNo no sample carries, so it is never reported missing. */
export function seqNoReceived(before: Known, seqNo: number): SessionEvent[] {
  if (acceptedSeqNos(before).has(seqNo)) return [];
  return [{ type: 'SessionSeqNoReceived', data: { sessionId: before.start.sessionId, seqNo } }];
}

function sameGap(a: SeqNoGap, b: SeqNoGap): boolean {
  return a.missingCount === b.missingCount && JSON.stringify(a.ranges) === JSON.stringify(b.ranges);
}

function incomplete(state: Known, gap: SeqNoGap): SessionEvent {
  return {
    type: 'SessionMarkedIncomplete',
    data: {
      sessionId: state.start.sessionId,
      reasonCode: 'INGESTION.SEQNO_GAP',
      missingSeqNos: [...gap.ranges],
      missingCount: gap.missingCount,
    },
  };
}

function complete(state: Known): SessionEvent {
  return { type: 'SessionMarkedComplete', data: { sessionId: state.start.sessionId } };
}
