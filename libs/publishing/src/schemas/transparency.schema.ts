/** The JSON form of a Specified Information Order list: the CSV's columns, row by row. */
const DATE = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' };
const TEXT = { type: 'string' };

const row = (party: 'supplier' | 'recipient', extra: readonly string[]) => ({
  type: 'object',
  required: ['reference', 'title', party, 'value', 'start', 'end', 'awarded', 'mechanism', 'purpose', 'status', ...extra],
  additionalProperties: false,
  properties: {
    reference: { type: 'string', minLength: 1 },
    title: { type: 'string', minLength: 1 },
    [party]: TEXT,
    value: { type: 'string', pattern: '^[0-9]+\\.[0-9]{2}$' },
    start: DATE,
    end: DATE,
    awarded: DATE,
    mechanism: TEXT,
    purpose: TEXT,
    status: { enum: ['allocated', 'active', 'ended'] },
    ...Object.fromEntries(extra.map((column) => [column, TEXT])),
  },
});

/** A payment over £500: the month it falls in, its date, the agreement it pays, to whom and how much. */
const spendRow = {
  type: 'object',
  required: ['month', 'paid', 'reference', 'title', 'supplier', 'value', 'mechanism', 'purpose', 'paymentRef'],
  additionalProperties: false,
  properties: {
    month: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[012])$' },
    paid: DATE,
    reference: { type: 'string', minLength: 1 },
    title: { type: 'string', minLength: 1 },
    supplier: TEXT,
    // Over £500: at least 500.01.
    value: { type: 'string', pattern: '^([1-9][0-9]{3,}|[5-9][0-9]{2})\\.[0-9]{2}$', not: { const: '500.00' } },
    mechanism: TEXT,
    purpose: TEXT,
    paymentRef: TEXT,
  },
};

const listSchema = (list: 'contracts' | 'grants' | 'spend', items: Record<string, unknown>) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `https://commissioning-ledger.org.uk/schemas/transparency-${list}.json`,
  title: `The ${list} list under the Specified Information Order, as this ledger publishes it`,
  type: 'object',
  required: ['list', 'financialYear', 'publishedDate', 'rows'],
  properties: {
    list: { const: list },
    financialYear: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}$' },
    publishedDate: { type: 'string', format: 'date-time' },
    rows: { type: 'array', items },
  },
});

export const transparencyContractsSchema = listSchema('contracts', row('supplier', []));
export const transparencyGrantsSchema = listSchema('grants', row('recipient', ['conditions', 'reasons']));
export const transparencySpendSchema = listSchema('spend', spendRow);
