import type { Msg } from '../fields';
import type { SimState } from '../state';
import type { WireReply } from '../wire';

/** The server state and clock that a method receives for one call. */
export interface CallContext {
  state: SimState;
  /** The server's clock at the time of the call. */
  now: Date;
  timeZone: string;
}

export interface MethodOutcome {
  reply: WireReply;
  /** True when the call changed the state, so the server saves it and runs `afterApply`. */
  changed: boolean;
}

/**
 * One VIPax method. It validates everything before it changes anything, so a call that throws
 * RejectedCall leaves the state untouched.
 */
export type MethodHandler = (msg: Msg, context: CallContext) => MethodOutcome;
