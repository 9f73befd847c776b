import type { Role } from './roles';

/** Who a verified token says is calling: every role it grants, and a CSP user's locality. */
export interface Principal {
  readonly id: string;
  readonly roles: readonly Role[];
  readonly locality?: string;
}

/** The one role a request is admitted in: recorded as the actor of what it appends. */
export interface Caller {
  readonly id: string;
  readonly role: Role;
  readonly locality?: string;
}

const CALLER = Symbol('ledger.caller');
type WithCaller = { [CALLER]?: Caller };

/** Kept on the request under a symbol, so no header or body field can ever pose as it. */
export function setCaller(request: object, caller: Caller): void {
  (request as WithCaller)[CALLER] = caller;
}

export function callerOf(request: object): Caller | undefined {
  return (request as WithCaller)[CALLER];
}
