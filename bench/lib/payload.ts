import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '@app/event-store';

export const EVENT_TYPE = 'GrantApplicationSubmitted';

const PRIORITIES = ['violence-against-women-and-girls', 'anti-social-behaviour', 'rural-crime', 'victim-support'];
const LOCALITIES = ['north', 'south', 'east', 'west', 'central'];

/** A realistic small event (≈ 0.7 KB of JSON): a grant application submitted in a funding round. */
export function grantApplicationSubmitted(i: number): NewEvent {
  const locality = LOCALITIES[i % LOCALITIES.length];
  const data = {
    applicationId: randomUUID(),
    fundingRound: '2025-26-community-safety-fund',
    organisation: {
      name: `Neighbourhood Safety Trust ${i % 97}`,
      charityNumber: String(1_100_000 + (i % 90_000)),
      locality,
    },
    requestedAmountPence: 250_000 + (i % 1000) * 100,
    durationMonths: 12 + (i % 3) * 6,
    priorities: [PRIORITIES[i % PRIORITIES.length], PRIORITIES[(i + 1) % PRIORITIES.length]],
    summary: 'Weekly outreach sessions for young people in two wards, delivered with the local policing team.',
    outcomes: [
      { measure: 'young-people-engaged', target: 40 + (i % 20) },
      { measure: 'repeat-incidents-reduced-percent', target: 10 },
    ],
    contact: { name: 'A. Applicant', email: `applicant${i % 500}@example.org` },
  };
  const metadata: EventMetadata = {
    actor: { id: `user-${i % 50}`, role: 'commissioning-officer', locality },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    occurredAt: new Date(Date.UTC(2025, 3, 1) + i * 60_000).toISOString(),
  };
  return { id: randomUUID(), type: EVENT_TYPE, schemaVersion: 1, data, metadata };
}
