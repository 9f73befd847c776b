/**
 * The JSON Schema (2020-12) of a framework document, published at GET /frameworks/schema.json.
 * It is the one list of the fields a document may carry: the reader refuses any other field
 * by walking this schema (`unknownFields`), and a test holds ajv's verdict on it to the
 * reader's. What a schema cannot say — sums, cross-references, dates inside the year — the
 * reader checks on top.
 */
type Schema = Record<string, unknown>;

const text = { type: 'string', minLength: 1 };
const printed = { type: ['string', 'null'], description: 'as printed in the source document' };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a real calendar date, YYYY-MM-DD' };
const pence = { type: 'integer', minimum: 0, description: 'integer pence' };
const texts = { type: 'array', items: { type: 'string' } };
const codes = { type: 'array', items: { type: 'string' } };
const mechanism = { enum: ['direct', 'co-commissioning', 'plf', 'pcc-grant'] };

const object = (properties: Record<string, Schema>, required: readonly string[] = []): Schema => ({
  type: 'object',
  additionalProperties: false,
  ...(required.length ? { required } : {}),
  properties,
});
const list = (items: Schema): Schema => ({ type: 'array', items });

const line = object(
  {
    ref: text,
    title: text,
    description: { type: ['string', 'null'] },
    valuePence: pence,
    valueAsPrinted: printed,
    organisation: { type: ['string', 'null'] },
    recipientOrgId: { type: ['string', 'null'], description: 'org-id.guide identifier, e.g. GB-LAE-BLA' },
    mechanism: { ...mechanism, enum: [...mechanism.enum, null], description: 'Appendix B: the line\'s mechanism; Appendix C: null' },
    classificationAsPrinted: printed,
    theme: { type: ['string', 'null'] },
    themeAsPrinted: printed,
    primaryPriorities: codes,
    primaryPriorityAsPrinted: printed,
    secondaryPriorities: codes,
    secondaryPriorityAsPrinted: printed,
    priorityInferredFromLinkage: { type: 'boolean' },
    linkageAsPrinted: printed,
    needIdentifiedVia: printed,
    textAsPrinted: printed,
    geographicalReach: object(
      { asPrinted: printed, scope: { enum: ['area', 'llr', 'localities', 'national'] }, localities: codes, partial: { type: 'boolean' } },
      ['scope'],
    ),
    locality: { type: ['string', 'null'] },
    sourceNotes: texts,
  },
  ['ref', 'title', 'valuePence', 'geographicalReach'],
);

export const FRAMEWORK_DOCUMENT_SCHEMA: Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'commissioning-framework/v1',
  title: 'Commissioning framework document',
  ...object(
    {
      schema: { const: 'commissioning-framework/v1' },
      financialYear: { type: 'string', pattern: '^\\d{4}-\\d{2}$', description: 'e.g. 2016-17; the period must lie inside it' },
      title: text,
      source: object({ document: text, issued: date, issuedBy: text, transcribedFrom: text }),
      period: object({ start: date, end: date, timeZone: { const: 'Europe/London' } }, ['start', 'end']),
      policeAndCrimePlanPeriod: object({ start: text, end: text }),
      totalBudgetPence: pence,
      budgetAsPrinted: { type: 'object', additionalProperties: { type: 'string' } },
      themes: list(object({ code: text, number: { type: 'integer' }, name: text, appendixAHeading: printed, appendixBAsPrinted: printed }, ['code', 'name'])),
      strategicPriorities: list(object({ code: text, number: { type: 'integer' }, theme: text, title: text }, ['code', 'theme', 'title'])),
      fundingMechanisms: list(
        object({ code: mechanism, name: text, abbreviation: text, section: text, classificationAsPrinted: printed, publishAsGrant: { type: 'boolean' } }, ['code', 'name']),
      ),
      boards: list(object({ code: text, name: text, managedBy: text, remit: text }, ['code', 'name'])),
      localities: list(
        object(
          {
            slug: text,
            name: text,
            fullName: text,
            area: text,
            geoCode: { type: 'string', description: 'ONS (GSS) code, e.g. E07000129' },
            plfAllocationPence: pence,
            plfAllocationAsPrinted: printed,
            plfMeetingDeadline: { ...date, description: "this locality's PLF meeting deadline, when not the framework's" },
            vliSharePercent: { type: 'number', minimum: 0, maximum: 100 },
          },
          ['slug', 'name', 'plfAllocationPence'],
        ),
      ),
      plf: object(
        { totalPence: pence, totalAsPrinted: printed, meetingDeadline: date, meetingDeadlineAsPrinted: printed, allocationMethod: text, tableTotalPence: pence, tableTotalAsPrinted: printed },
        ['totalPence', 'meetingDeadline'],
      ),
      pccGrant: object({ newRoundsOpen: { type: 'boolean' }, note: text }, ['newRoundsOpen']),
      appendixB: object(
        {
          sections: list(object({ theme: { type: ['string', 'null'] }, themeAsPrinted: printed, subtotalPence: pence, subtotalAsPrinted: printed, lines: list(line) }, ['subtotalPence', 'lines'])),
          grandTotalPence: pence,
          grandTotalAsPrinted: printed,
        },
        ['sections', 'grandTotalPence'],
      ),
      appendixC: object({ lines: list(line), totalPence: pence, totalAsPrinted: printed, note: text }, ['lines', 'totalPence']),
      commissioningReservePence: pence,
      pots: { type: 'object', propertyNames: { enum: [...mechanism.enum, 'additional-allocation'] }, additionalProperties: pence },
      reminderPolicies: {
        type: 'object',
        propertyNames: { enum: ['plf-meeting', 'performance-report', 'contract-end', 'payment-instalment'] },
        additionalProperties: object({ remindDaysBefore: list({ type: 'integer', minimum: 0, maximum: 366 }), escalate: { type: 'boolean' } }, ['remindDaysBefore']),
      },
      payments: object({ secondApprovalAbovePence: pence }, ['secondApprovalAbovePence']),
      workflows: {
        type: 'object',
        propertyNames: { enum: [...mechanism.enum, 'additional-allocation'] },
        additionalProperties: object({ id: text, version: { type: 'integer', minimum: 1 } }, ['id', 'version']),
      },
      workflowVersions: list({ type: 'object', description: 'workflow documents (commissioning-workflow/v1), each checked by validateWorkflow' }),
      singleProviderDispensationExamples: texts,
      sourceNotes: texts,
    },
    ['schema', 'financialYear', 'period', 'totalBudgetPence', 'themes', 'strategicPriorities', 'fundingMechanisms', 'boards', 'localities', 'plf', 'pccGrant', 'appendixB', 'appendixC', 'commissioningReservePence'],
  ),
};

/** Every field of `value` the schema does not name, as its path (`appendixB.sections[0].lines[3].valu`). */
export function unknownFields(value: unknown, schema: Schema = FRAMEWORK_DOCUMENT_SCHEMA, at = ''): string[] {
  if (Array.isArray(value)) {
    const items = schema.items as Schema | undefined;
    return items ? value.flatMap((item, i) => unknownFields(item, items, `${at}[${i}]`)) : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const properties = schema.properties as Record<string, Schema> | undefined;
  const rest = schema.additionalProperties;
  return Object.entries(value).flatMap(([key, child]) => {
    const path = at ? `${at}.${key}` : key;
    const known = properties && Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : undefined;
    if (known) return unknownFields(child, known, path);
    if (rest === false) return [path];
    return typeof rest === 'object' && rest !== null ? unknownFields(child, rest as Schema, path) : [];
  });
}
