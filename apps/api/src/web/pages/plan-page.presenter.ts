import { formatPence, type OpenCase, planAgainstAllocation } from '@app/domain';
import { penceOf } from '../forms/form-body';

interface LineRow {
  id: string;
  description: string;
  amount: string;
}
interface MeasureRow {
  id: string;
  name: string;
  unit: string;
  target: string;
  frequency: string;
  direction: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const rowsOf = (value: unknown): Record<string, unknown>[] =>
  (Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : []).filter(
    (row): row is Record<string, unknown> => row !== null && typeof row === 'object',
  );

/** The rows a person filled in, blank and removed ones left out, so row i is the API's budgetLines[i]. */
export function postedRows(posted: Record<string, unknown>): { lines: LineRow[]; measures: MeasureRow[] } {
  const lines = rowsOf(posted.budgetLines)
    .filter((row) => row.remove === undefined)
    .map((row) => ({ id: text(row.id), description: text(row.description), amount: text(row.amount) }))
    .filter((row) => row.id || row.description || row.amount);
  const measures = rowsOf(posted.performanceFramework)
    .filter((row) => row.remove === undefined)
    .map((row) => ({ id: text(row.id), name: text(row.name), unit: text(row.unit), target: text(row.target), frequency: text(row.frequency), direction: text(row.direction) }))
    .filter((row) => row.id || row.name || row.unit || row.target);
  return { lines, measures };
}

/** The API's body for SubmitCspPlan from the posted rows; amounts typed in pounds become pence. */
export function planBody(posted: Record<string, unknown>): Record<string, unknown> {
  const { lines, measures } = postedRows(posted);
  return {
    budgetLines: lines.map((line, index) => ({ id: line.id, description: line.description, pence: penceOf(`budgetLines[${index}].pence`, line.amount) })),
    performanceFramework: measures.map((m) => ({ ...m, target: /^-?\d+(\.\d+)?$/.test(m.target) ? Number(m.target) : m.target })),
    ...(posted.on && typeof posted.on === 'object' ? dateBody(posted.on as Record<string, unknown>) : {}),
  };
}

function dateBody(on: Record<string, unknown>): { on?: string } {
  const [day, month, year] = [text(on.day), text(on.month), text(on.year)];
  return day || month || year ? { on: `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}` } : {};
}

function totalOf(lines: readonly LineRow[]): number | null {
  try {
    return lines.reduce((sum, line, index) => sum + (line.amount ? penceOf(`budgetLines[${index}].pence`, line.amount) : 0), 0);
  } catch {
    return null;
  }
}

/** The plan form: the rows as last submitted (or as just posted), two blank lines to add more, the running total. */
export function planPage(state: OpenCase, posted: Record<string, unknown> | undefined, today: string) {
  const rows = posted
    ? postedRows(posted)
    : {
        lines: (state.plan?.lines ?? []).map((line) => ({ id: line.id, description: line.description, amount: (line.pence / 100).toFixed(2) })),
        measures: (state.plan?.measures ?? []).map((m) => ({ ...m, target: String(m.target) })),
      };
  const blankLines = posted?.update === 'add-line' ? 3 : 2;
  const total = totalOf(rows.lines);
  const allocation = state.allocationPence ?? null;
  // Over or within the allocation as the domain's guard reckons it.
  const against = total === null || allocation === null ? null : planAgainstAllocation([total], allocation);
  return {
    state,
    today,
    on: posted?.on,
    lines: [...rows.lines, ...Array.from({ length: blankLines }, () => ({ id: '', description: '', amount: '' }))],
    measures: [...rows.measures, ...Array.from({ length: posted?.update === 'add-measure' ? 2 : 1 }, () => ({ id: '', name: '', unit: '', target: '', frequency: 'quarterly', direction: 'higher-is-better' }))],
    total: total === null ? null : formatPence(total),
    allocation: allocation === null ? null : formatPence(allocation),
    difference: against === null ? null : { over: against.over, amount: formatPence(against.differencePence) },
  };
}
