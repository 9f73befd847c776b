import { csvField } from '../read-models/outcomes/outcomes.csv';
import type { presentCommitment } from './framework.presenter';

type Line = ReturnType<typeof presentCommitment>;

export interface CommitmentFilter {
  readonly mechanism?: string;
  readonly theme?: string;
  readonly priority?: string;
  readonly source?: string;
}

const FIELD = /^[A-Za-z0-9-]{1,60}$/;

/** The filter of a GET form: a value that could be no code is ignored, not echoed. */
export function commitmentFilterOf(query: Record<string, unknown>): CommitmentFilter {
  const pick = (name: string) => (typeof query[name] === 'string' && FIELD.test(query[name] as string) ? (query[name] as string) : undefined);
  return { mechanism: pick('mechanism'), theme: pick('theme'), priority: pick('priority'), source: pick('source') };
}

/** A line matches when every filter given does: a line with no mechanism is "unassigned"; a priority is a primary one. */
export const matchesCommitment = (line: Line, f: CommitmentFilter): boolean =>
  (f.mechanism === undefined || (line.mechanism ?? 'unassigned') === f.mechanism) &&
  (f.theme === undefined || line.theme === f.theme) &&
  (f.priority === undefined || line.primaryPriorities.includes(f.priority)) &&
  (f.source === undefined || line.source === f.source);

export const COMMITMENT_CSV_HEADER = ['ref', 'caseId', 'source', 'title', 'organisation', 'mechanism', 'theme', 'primaryPriority', 'secondaryPriority', 'locality', 'valuePence', 'value'] as const;

/** RFC 4180, one row per line, pence and £ side by side. */
export function commitmentsCsv(lines: readonly Line[]): string {
  const rows = lines.map((l) => [l.ref, l.caseId, l.source, l.title, l.organisation, l.mechanism, l.theme, l.primaryPriority, l.secondaryPriority, l.locality, l.valuePence, l.value]);
  return [[...COMMITMENT_CSV_HEADER], ...rows].map((fields) => fields.map((f) => csvField((f ?? null) as string | number | null)).join(',')).join('\r\n') + '\r\n';
}
