/** The token is missing, malformed, expired, or not signed by a key the ledger trusts: 401. */
export class TokenRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TokenRejected';
  }
}

/** The identity provider's keys cannot be fetched: no token can be checked just now (503, not the caller's fault). */
export class TokenKeysUnavailable extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TokenKeysUnavailable';
  }
}
