import type { Principal } from './principal';
import { isRole, LOCALITY_SLUG, type Role } from './roles';
import { TokenRejected } from './token-errors';

/** The claims the ledger reads: sub, and role (a string) or roles (an array, as identity providers often send). */
export interface LedgerClaims {
  readonly sub?: unknown;
  readonly role?: unknown;
  readonly roles?: unknown;
  readonly locality?: unknown;
}

/**
 * The principal a verified token names. Roles the ledger does not know are ignored (an
 * identity provider's token carries others); a token left with none is still a valid
 * identity, and the guard refuses it with 403. A CSP role without its locality is a
 * malformed token: nothing could be scoped to it.
 */
export function principalFromClaims(claims: LedgerClaims): Principal {
  if (typeof claims.sub !== 'string' || claims.sub.trim() === '' || claims.sub.length > 200) {
    throw new TokenRejected('the token has no usable sub (the actor id, 1-200 characters)');
  }
  const named = [claims.role, ...(Array.isArray(claims.roles) ? claims.roles : [claims.roles])];
  const roles = [...new Set(named.filter(isRole))] as Role[];
  const locality = claims.locality;
  if (roles.includes('csp') && (typeof locality !== 'string' || !LOCALITY_SLUG.test(locality))) {
    throw new TokenRejected('a csp token must carry its locality (a slug such as blaby)');
  }
  return { id: claims.sub, roles, ...(roles.includes('csp') ? { locality: locality as string } : {}) };
}
