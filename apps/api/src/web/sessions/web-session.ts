import type { WebSession } from './session.store';

const SESSION = Symbol('ledger.web-session');
type WithSession = { [SESSION]?: WebSession | null };

/**
 * The session of a web page request: null when the request is a page's and nobody is
 * signed in, undefined when it is not a page's at all (the JSON API, signed by bearer tokens).
 */
export function setWebSession(request: object, session: WebSession | null): void {
  (request as WithSession)[SESSION] = session;
}

export function webSessionOf(request: object): WebSession | null | undefined {
  return (request as WithSession)[SESSION];
}
