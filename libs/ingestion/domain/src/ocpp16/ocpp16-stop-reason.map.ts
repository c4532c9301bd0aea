/**
 * How a 1.6 StopTransaction reason reads in 2.0.1: the stoppedReason the session records
 * and the triggerReason of the Ended event. 2.0.1 has no SoftReset/HardReset/UnlockCommand
 * stop reasons; the closest ones keep the cause visible (a reset, a CSMS action).
 */
import type { TransactionEvent } from '../ocpp/transaction-event.schema';
import type { Ocpp16StopReason } from './ocpp16-messages.schema';

type StoppedReason = NonNullable<TransactionEvent['transactionInfo']['stoppedReason']>;
type TriggerReason = TransactionEvent['triggerReason'];

interface Stop201 {
  readonly stoppedReason: StoppedReason;
  readonly triggerReason: TriggerReason;
}

const STOPS: Readonly<Record<Ocpp16StopReason, Stop201>> = {
  EmergencyStop: { stoppedReason: 'EmergencyStop', triggerReason: 'AbnormalCondition' },
  EVDisconnected: { stoppedReason: 'EVDisconnected', triggerReason: 'EVDeparted' },
  HardReset: { stoppedReason: 'ImmediateReset', triggerReason: 'ResetCommand' },
  Local: { stoppedReason: 'Local', triggerReason: 'StopAuthorized' },
  Other: { stoppedReason: 'Other', triggerReason: 'AbnormalCondition' },
  PowerLoss: { stoppedReason: 'PowerLoss', triggerReason: 'AbnormalCondition' },
  Reboot: { stoppedReason: 'Reboot', triggerReason: 'ResetCommand' },
  Remote: { stoppedReason: 'Remote', triggerReason: 'RemoteStop' },
  SoftReset: { stoppedReason: 'Reboot', triggerReason: 'ResetCommand' },
  UnlockCommand: { stoppedReason: 'Remote', triggerReason: 'UnlockCommand' },
  DeAuthorized: { stoppedReason: 'DeAuthorized', triggerReason: 'Deauthorized' },
};

export function stopOf(reason: Ocpp16StopReason): Stop201 {
  return STOPS[reason];
}
