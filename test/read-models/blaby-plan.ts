import { actingAs } from '@test/support/tokens';

/** Blaby CSP's plan for its £29,700 PLF allocation, submitted on 12 Jan 2016 (the shape POST /cases/:id/plan takes). */
export const BLABY_CASE = '2016-17-B51';
/** A user of Blaby's Community Safety Partnership. */
export const BLABY_CSP = actingAs('csp', 'blaby', { sub: 'csp.blaby' });

export const BLABY_PLAN = {
  budgetLines: [
    { id: 'asb-caseworker', description: 'Part-time anti-social behaviour caseworker for Blaby District', pence: 1_450_000 },
    { id: 'youth-diversion', description: 'Summer youth diversion activities in Braunstone Town', pence: 1_520_000 },
  ],
  performanceFramework: [
    { id: 'asb-incidents', name: 'Anti-social behaviour incidents reported in Blaby District', unit: 'incidents', target: 420, frequency: 'quarterly', direction: 'lower-is-better' },
  ],
  on: '2016-01-12',
};
