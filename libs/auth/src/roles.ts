/** The roles of the ledger's users (BRIEF, "Who uses it"). */
export const ROLES = ['opcc-staff', 'csp', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

/** A CSP locality as the framework spells it (blaby, north-west-leicestershire). */
export const LOCALITY_SLUG = /^[a-z][a-z-]{0,59}$/;

/**
 * A query's locality filter asks for nothing when left out or sent empty (`?locality=`, as
 * a blank filter or a trimmed link leaves it): an empty string is no locality to compare.
 */
export const isNoLocalityFilter = (value: unknown): value is undefined | '' => value === undefined || value === '';

/**
 * What a route admits. A CSP user is never admitted unscoped, so `csp` alone is not a
 * grant: `csp:own-case` checks the case's locality (the route's :caseId), and
 * `csp:own-locality` forces the query's locality filter to the user's own.
 */
export type Grant = 'opcc-staff' | 'auditor' | 'admin' | 'csp:own-case' | 'csp:own-locality';

export const roleOf = (grant: Grant): Role => (grant.startsWith('csp:') ? 'csp' : (grant as Role));
