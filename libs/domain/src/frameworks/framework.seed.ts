import { businessDateProblem } from '../shared/business-date';
import { DomainError } from '../shared/domain-error';
import { formatPence, isPence, type Pence } from '../shared/money';
import type { WorkflowDefinition } from '../workflows/workflow.types';
import { unknownFields } from './framework.schema';
import { readWorkflowChoices } from './framework.workflow-choice';
import { GSS_CODE, ORG_ID } from './framework.publication';
import { type Commitment, type FrameworkDefinition, type GeographicalReach, MECHANISMS, type MechanismCode } from './framework.types';

/**
 * Reads a framework document (infra/seed/*.json) into a FrameworkDefinition, checking every
 * figure against the lines it sums: a mismatch refuses the whole import, naming where.
 */
export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

class Problems {
  readonly list: FieldProblem[] = [];
  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }
  text(value: unknown, field: string, options: { nullable?: boolean } = {}): string | null {
    if (value === null && options.nullable) return null;
    if (typeof value !== 'string' || value.trim() === '') this.add(field, 'must be a non-empty string');
    return typeof value === 'string' ? value : null;
  }
  pence(value: unknown, field: string): Pence {
    if (!isPence(value) || value < 0) this.add(field, 'must be a whole number of pence, zero or more');
    return isPence(value) ? value : 0;
  }
  date(value: unknown, field: string): string {
    const problem = businessDateProblem(value);
    if (problem) this.add(field, problem);
    return problem === undefined ? (value as string) : '';
  }
  array(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) {
      this.add(field, 'must be an array');
      return [];
    }
    return value;
  }
  object(value: unknown, field: string): Json {
    if (!isObject(value)) {
      this.add(field, 'must be an object');
      return {};
    }
    return value;
  }
}

/** A read framework document: its definition and the workflow versions it carries. */
export interface FrameworkImport {
  readonly definition: FrameworkDefinition;
  readonly workflowVersions: readonly WorkflowDefinition[];
}

export function readFrameworkDocument(document: unknown, checksum: string): FrameworkDefinition {
  return readFrameworkImport(document, checksum).definition;
}

export function readFrameworkImport(document: unknown, checksum: string): FrameworkImport {
  const p = new Problems();
  const doc = p.object(document, '(body)');
  unknownFields(doc).forEach((path) => p.add(path, 'is not a field of a framework document (its schema: GET /frameworks/schema.json)'));
  if (doc.schema !== 'commissioning-framework/v1') p.add('schema', 'must be "commissioning-framework/v1"');
  const financialYear = String(p.text(doc.financialYear, 'financialYear') ?? '');
  if (financialYear && !/^\d{4}-\d{2}$/.test(financialYear)) p.add('financialYear', 'must look like 2016-17');
  const period = p.object(doc.period, 'period');
  const start = p.date(period.start, 'period.start');
  const end = p.date(period.end, 'period.end');
  if (start && end && end < start) p.add('period.end', 'must not be before period.start');
  checkPeriodInYear(p, financialYear, start, end);
  const source = isObject(doc.source) ? doc.source : {};
  const issuedOn = p.date(source.issued ?? start, 'source.issued');
  if (issuedOn && end && issuedOn > end) p.add('source.issued', `${issuedOn} is after the period ends (${end})`);
  const deadline = (value: string, field: string) => {
    if (value && issuedOn && value < issuedOn) p.add(field, `${value} is before the framework is issued (${issuedOn})`);
    if (value && end && value > end) p.add(field, `${value} is after the period ends (${end})`);
  };
  const totalBudgetPence = p.pence(doc.totalBudgetPence, 'totalBudgetPence');

  const themes = p.array(doc.themes, 'themes').map((t, i) => {
    const theme = p.object(t, `themes[${i}]`);
    return { code: String(p.text(theme.code, `themes[${i}].code`)), number: Number(theme.number), name: String(p.text(theme.name, `themes[${i}].name`)) };
  });
  const themeCodes = new Set(themes.map((t) => t.code));
  const strategicPriorities = p.array(doc.strategicPriorities, 'strategicPriorities').map((s, i) => {
    const sp = p.object(s, `strategicPriorities[${i}]`);
    if (!themeCodes.has(String(sp.theme))) p.add(`strategicPriorities[${i}].theme`, `"${String(sp.theme)}" is not one of the themes`);
    return { code: String(p.text(sp.code, `strategicPriorities[${i}].code`)), number: Number(sp.number), theme: String(sp.theme), title: String(p.text(sp.title, `strategicPriorities[${i}].title`)) };
  });
  const priorityCodes = new Set(strategicPriorities.map((s) => s.code));
  const fundingMechanisms = p.array(doc.fundingMechanisms, 'fundingMechanisms').map((m, i) => {
    const mechanism = p.object(m, `fundingMechanisms[${i}]`);
    if (!MECHANISMS.includes(mechanism.code as MechanismCode)) p.add(`fundingMechanisms[${i}].code`, `must be one of ${MECHANISMS.join(', ')}`);
    const publishAsGrant = optional(p, mechanism.publishAsGrant, `fundingMechanisms[${i}].publishAsGrant`, isBoolean, 'must be true or false');
    return { code: mechanism.code as MechanismCode, name: String(p.text(mechanism.name, `fundingMechanisms[${i}].name`)), ...(publishAsGrant === undefined ? {} : { publishAsGrant }) };
  });
  const boards = p.array(doc.boards, 'boards').map((b, i) => {
    const board = p.object(b, `boards[${i}]`);
    return { code: String(p.text(board.code, `boards[${i}].code`)), name: String(p.text(board.name, `boards[${i}].name`)) };
  });
  const localities = p.array(doc.localities, 'localities').map((l, i) => {
    const locality = p.object(l, `localities[${i}]`);
    const geoCode = optional(p, locality.geoCode, `localities[${i}].geoCode`, isGssCode, 'must be an ONS (GSS) code such as E07000129');
    const plfMeetingDeadline = locality.plfMeetingDeadline === undefined ? undefined : p.date(locality.plfMeetingDeadline, `localities[${i}].plfMeetingDeadline`);
    if (plfMeetingDeadline) deadline(plfMeetingDeadline, `localities[${i}].plfMeetingDeadline`);
    return {
      slug: String(p.text(locality.slug, `localities[${i}].slug`)),
      name: String(p.text(locality.name, `localities[${i}].name`)),
      plfAllocationPence: p.pence(locality.plfAllocationPence, `localities[${i}].plfAllocationPence`),
      vliSharePercent: Number(locality.vliSharePercent ?? 0),
      ...(geoCode === undefined ? {} : { geoCode }),
      ...(plfMeetingDeadline ? { plfMeetingDeadline } : {}),
    };
  });
  const localitySlugs = new Set(localities.map((l) => l.slug));
  const plf = p.object(doc.plf, 'plf');
  const plfTotal = p.pence(plf.totalPence, 'plf.totalPence');
  const meetingDeadline = p.date(plf.meetingDeadline, 'plf.meetingDeadline');
  deadline(meetingDeadline, 'plf.meetingDeadline');
  const allocated = localities.reduce((sum, l) => sum + l.plfAllocationPence, 0);
  if (allocated !== plfTotal) {
    p.add('localities', `PLF allocations sum to ${formatPence(allocated)} but plf.totalPence says ${formatPence(plfTotal)}`);
  }
  const grant = p.object(doc.pccGrant, 'pccGrant');
  if (typeof grant.newRoundsOpen !== 'boolean') p.add('pccGrant.newRoundsOpen', 'must be true or false');

  const mechanismCodes = new Set(fundingMechanisms.map((m) => m.code));
  const context: LineContext = { p, financialYear, themeCodes, priorityCodes, localitySlugs, localities, mechanismCodes };
  const commitments: Commitment[] = [];
  const appendixB = p.object(doc.appendixB, 'appendixB');
  let subtotals = 0;
  p.array(appendixB.sections, 'appendixB.sections').forEach((s, i) => {
    const section = p.object(s, `appendixB.sections[${i}]`);
    const lines = p.array(section.lines, `appendixB.sections[${i}].lines`).map((l, j) =>
      readLine(l, `appendixB.sections[${i}].lines[${j}]`, 'appendix-b', context),
    );
    const subtotal = p.pence(section.subtotalPence, `appendixB.sections[${i}].subtotalPence`);
    checkSum(p, lines, subtotal, `appendixB.sections[${i}].subtotalPence`, String(section.themeAsPrinted ?? section.theme ?? `section ${i + 1}`));
    subtotals += subtotal;
    commitments.push(...lines);
  });
  const grandTotal = p.pence(appendixB.grandTotalPence, 'appendixB.grandTotalPence');
  if (subtotals !== grandTotal) {
    p.add('appendixB.grandTotalPence', `section subtotals sum to ${formatPence(subtotals)} but the grand total says ${formatPence(grandTotal)}`);
  }
  const appendixC = p.object(doc.appendixC, 'appendixC');
  const cLines = p.array(appendixC.lines, 'appendixC.lines').map((l, j) => readLine(l, `appendixC.lines[${j}]`, 'appendix-c', context));
  const cTotal = p.pence(appendixC.totalPence, 'appendixC.totalPence');
  checkSum(p, cLines, cTotal, 'appendixC.totalPence', 'Appendix C');
  commitments.push(...cLines);

  const reservePence = p.pence(doc.commissioningReservePence, 'commissioningReservePence');
  const pots = readPots(p, doc.pots);
  const potsTotal = Object.values(pots ?? {}).reduce((sum: number, pence) => sum + (pence ?? 0), 0);
  if (totalBudgetPence - grandTotal - cTotal - potsTotal !== reservePence) {
    p.add(
      'commissioningReservePence',
      `budget ${formatPence(totalBudgetPence)} less commitments ${formatPence(grandTotal)} and allocations ${formatPence(cTotal)} ` +
        (potsTotal ? `and pots ${formatPence(potsTotal)} ` : '') +
        `leaves ${formatPence(totalBudgetPence - grandTotal - cTotal - potsTotal)}, not ${formatPence(reservePence)}`,
    );
  }
  const refs = commitments.map((c) => c.ref);
  refs.filter((ref, i) => refs.indexOf(ref) !== i).forEach((ref) => p.add('ref', `line ref "${ref}" appears more than once`));

  const reminderPolicies = readReminderPolicies(p, doc.reminderPolicies);
  const payments = doc.payments === undefined ? undefined : { secondApprovalAbovePence: p.pence(p.object(doc.payments, 'payments').secondApprovalAbovePence, 'payments.secondApprovalAbovePence') };
  const choices = readWorkflowChoices(doc);
  p.list.push(...choices.problems);
  if (p.list.length > 0) {
    throw new DomainError(
      'INVALID_FRAMEWORK',
      `The framework document was refused: ${p.list.slice(0, 3).map((e) => `${e.field}: ${e.reason}`).join('; ')}` +
        (p.list.length > 3 ? ` (and ${p.list.length - 3} more)` : ''),
      { errors: p.list },
    );
  }
  const definition: FrameworkDefinition = {
    financialYear,
    title: String(doc.title ?? `Commissioning Framework ${financialYear}`),
    issuedOn,
    period: { start, end },
    totalBudgetPence,
    reservePence,
    themes,
    strategicPriorities,
    fundingMechanisms,
    boards,
    localities,
    plf: { totalPence: plfTotal, meetingDeadline },
    pccGrant: { newRoundsOpen: grant.newRoundsOpen === true },
    commitments,
    ...(reminderPolicies ? { reminderPolicies } : {}),
    ...(payments ? { payments } : {}),
    workflows: choices.workflows,
    ...(pots ? { pots } : {}),
    checksum,
  };
  return { definition, workflowVersions: choices.versions };
}

/** Optional: `{ "pcc-grant": 5000000 }`, pence set aside per mechanism besides the reserve. */
function readPots(p: Problems, raw: unknown): FrameworkDefinition['pots'] {
  if (raw === undefined) return undefined;
  const pots = p.object(raw, 'pots');
  const slots = [...MECHANISMS, 'additional-allocation'];
  for (const [slot, pence] of Object.entries(pots)) {
    if (!slots.includes(slot as MechanismCode)) p.add(`pots.${slot}`, `must be one of ${slots.join(', ')}`);
    p.pence(pence, `pots.${slot}`);
  }
  return pots as FrameworkDefinition['pots'];
}

const DEADLINE_KINDS = ['plf-meeting', 'performance-report', 'contract-end', 'payment-instalment'];

/** Optional: `{ "plf-meeting": { "remindDaysBefore": [28, 14, 7, 1, 0], "escalate": true } }`. */
function readReminderPolicies(p: Problems, raw: unknown): FrameworkDefinition['reminderPolicies'] {
  if (raw === undefined) return undefined;
  const policies = p.object(raw, 'reminderPolicies');
  for (const [kind, entry] of Object.entries(policies)) {
    const at = `reminderPolicies.${kind}`;
    if (!DEADLINE_KINDS.includes(kind)) p.add(at, `must be one of ${DEADLINE_KINDS.join(', ')}`);
    const days = (entry as { remindDaysBefore?: unknown } | null)?.remindDaysBefore;
    if (!Array.isArray(days) || !days.every((d) => Number.isInteger(d) && d >= 0 && d <= 366)) {
      p.add(`${at}.remindDaysBefore`, 'must be a list of whole numbers of days, 0 to 366');
    }
  }
  return policies as FrameworkDefinition['reminderPolicies'];
}

const REACH_SCOPES: readonly GeographicalReach['scope'][] = ['area', 'llr', 'localities', 'national'];

interface LineContext {
  readonly p: Problems;
  readonly financialYear: string;
  readonly themeCodes: Set<string>;
  readonly priorityCodes: Set<string>;
  readonly localitySlugs: Set<string>;
  readonly localities: readonly { slug: string; plfAllocationPence: Pence }[];
  readonly mechanismCodes: Set<MechanismCode>;
}

function readLine(raw: unknown, at: string, source: Commitment['source'], c: LineContext): Commitment {
  const { p } = c;
  const line = p.object(raw, at);
  const ref = String(p.text(line.ref, `${at}.ref`));
  const mechanism = (line.mechanism ?? null) as MechanismCode | null;
  checkMechanism(c, mechanism, source, `${at}.mechanism`);
  const theme = (line.theme ?? null) as string | null;
  if (theme !== null && !c.themeCodes.has(theme)) p.add(`${at}.theme`, `"${theme}" is not one of the themes`);
  const priorities = (field: 'primaryPriorities' | 'secondaryPriorities') =>
    p.array(line[field] ?? [], `${at}.${field}`).map((code) => {
      if (!c.priorityCodes.has(String(code))) p.add(`${at}.${field}`, `"${String(code)}" is not a strategic priority`);
      return String(code);
    });
  const reachRaw = p.object(line.geographicalReach, `${at}.geographicalReach`);
  const reach: GeographicalReach = {
    asPrinted: (reachRaw.asPrinted ?? null) as string | null,
    scope: (reachRaw.scope ?? 'area') as GeographicalReach['scope'],
    localities: p.array(reachRaw.localities ?? [], `${at}.geographicalReach.localities`).map(String),
    partial: reachRaw.partial === true,
  };
  if (!REACH_SCOPES.includes(reach.scope)) p.add(`${at}.geographicalReach.scope`, `must be one of ${REACH_SCOPES.join(', ')}`);
  const known = () => [...c.localitySlugs].join(', ');
  reach.localities.filter((slug) => !c.localitySlugs.has(slug)).forEach((slug) => p.add(`${at}.geographicalReach.localities`, `"${slug}" is not a locality: ${known()}`));
  const locality = (line.locality ?? null) as string | null;
  if (locality !== null && !c.localitySlugs.has(locality)) p.add(`${at}.locality`, `"${String(locality)}" is not a locality: ${known()}`);
  const valuePence = p.pence(line.valuePence, `${at}.valuePence`);
  const recipientOrgId = optional(p, line.recipientOrgId, `${at}.recipientOrgId`, isOrgId, 'must be an org-id.guide identifier such as GB-LAE-BLA or GB-CHC-1124127');
  if (mechanism === 'plf') {
    const allocation = c.localities.find((l) => l.slug === locality);
    if (!allocation) {
      if (locality === null) p.add(`${at}.locality`, `a PLF line must name one of the localities: ${known()}`);
    } else if (allocation.plfAllocationPence !== valuePence) {
      p.add(`${at}.valuePence`, `${ref} is ${formatPence(valuePence)} but ${locality}'s PLF allocation is ${formatPence(allocation.plfAllocationPence)}`);
    }
  }
  return {
    ref,
    caseId: `${c.financialYear}-${ref}`,
    source,
    title: String(p.text(line.title, `${at}.title`)),
    description: (line.description ?? null) as string | null,
    valuePence,
    organisation: (line.organisation ?? null) as string | null,
    mechanism,
    classificationAsPrinted: (line.classificationAsPrinted ?? null) as string | null,
    theme,
    themeAsPrinted: (line.themeAsPrinted ?? null) as string | null,
    primaryPriorities: priorities('primaryPriorities'),
    primaryPriorityAsPrinted: (line.primaryPriorityAsPrinted ?? null) as string | null,
    secondaryPriorities: priorities('secondaryPriorities'),
    secondaryPriorityAsPrinted: (line.secondaryPriorityAsPrinted ?? null) as string | null,
    geographicalReach: reach,
    locality,
    sourceNotes: Array.isArray(line.sourceNotes) ? line.sourceNotes.map(String) : [],
    ...(recipientOrgId === undefined ? {} : { recipientOrgId }),
  };
}

/** Appendix B lists commitments made under a mechanism the framework has; Appendix C's allocations have none until awarded. */
function checkMechanism(c: LineContext, mechanism: MechanismCode | null, source: Commitment['source'], field: string): void {
  if (mechanism !== null && !MECHANISMS.includes(mechanism)) c.p.add(field, `must be one of ${MECHANISMS.join(', ')} or null`);
  else if (source === 'appendix-c' && mechanism !== null) c.p.add(field, `an Appendix C line is an allocation awaiting its award: its mechanism must be null, not "${mechanism}"`);
  else if (source === 'appendix-b' && mechanism === null) c.p.add(field, `an Appendix B line is an existing commitment: it must name its mechanism, one of ${[...c.mechanismCodes].join(', ')}`);
  else if (mechanism !== null && !c.mechanismCodes.has(mechanism)) c.p.add(field, `"${mechanism}" is not one of this framework's funding mechanisms: ${[...c.mechanismCodes].join(', ')}`);
}

/** The period lies inside its financial year, 1 April to 31 March. */
function checkPeriodInYear(p: Problems, financialYear: string, start: string, end: string): void {
  const match = /^(\d{4})-(\d{2})$/.exec(financialYear);
  if (!match) return;
  const first = Number(match[1]);
  if (Number(match[2]) !== (first + 1) % 100) {
    p.add('financialYear', `${financialYear} is not a financial year: after ${first} comes ${String((first + 1) % 100).padStart(2, '0')}`);
    return;
  }
  const [opens, closes] = [`${first}-04-01`, `${first + 1}-03-31`];
  for (const [value, field] of [[start, 'period.start'], [end, 'period.end']]) {
    if (value && (value < opens || value > closes)) p.add(field, `${value} is outside the financial year ${financialYear} (${opens} to ${closes})`);
  }
}

/** An optional field: refused when present and wrong; absent (or null) is undefined. */
function optional<T>(p: Problems, value: unknown, field: string, valid: (v: unknown) => v is T, reason: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (valid(value)) return value;
  p.add(field, reason);
  return undefined;
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isGssCode = (v: unknown): v is string => typeof v === 'string' && GSS_CODE.test(v);
const isOrgId = (v: unknown): v is string => typeof v === 'string' && ORG_ID.test(v);

function checkSum(p: Problems, lines: readonly Commitment[], stated: Pence, field: string, label: string): void {
  const sum = lines.reduce((total, line) => total + line.valuePence, 0);
  if (sum !== stated) {
    p.add(field, `${label}: its ${lines.length} lines (${lines.map((l) => l.ref).join(', ')}) sum to ${formatPence(sum)} but the document says ${formatPence(stated)}`);
  }
}
