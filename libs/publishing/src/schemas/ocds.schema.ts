/**
 * The Open Contracting Data Standard 1.1 structure this ledger publishes, written from the
 * standard's release, release package and record package schemas and its codelists
 * (standard.open-contracting.org, 1.1): the required fields of packages, releases, tenders,
 * awards, contracts, milestones and amendments; the closed codelists (initiationType,
 * tenderStatus, awardStatus, contractStatus, milestoneStatus, currency as used) and the open
 * ones as far as the ledger uses them; the ocid pattern (a registered ocds-xxxxxx prefix).
 * JSON Schema draft-04, as the standard's own schemas are.
 */
const dateTime = { type: 'string', format: 'date-time' };
const text = { type: 'string', minLength: 1 };
const value = {
  type: 'object',
  required: ['amount', 'currency'],
  properties: { amount: { type: 'number', minimum: 0 }, currency: { enum: ['GBP'] } },
};
const orgRef = { type: 'object', required: ['id', 'name'], properties: { id: text, name: text } };
const period = { type: 'object', properties: { startDate: dateTime, endDate: dateTime } };

export const RELEASE_TAGS = [
  'planning', 'planningUpdate', 'tender', 'tenderAmendment', 'tenderUpdate', 'tenderCancellation', 'award', 'awardUpdate',
  'awardCancellation', 'contract', 'contractUpdate', 'contractAmendment', 'implementation', 'implementationUpdate',
  'contractTermination', 'compiled',
];

const definitions = {
  release: {
    type: 'object',
    required: ['ocid', 'id', 'date', 'tag', 'initiationType'],
    properties: {
      ocid: { type: 'string', pattern: '^ocds-[a-z0-9]{6}-.+$' },
      id: { type: 'string', minLength: 1, pattern: '^[^#]+$' },
      date: dateTime,
      tag: { type: 'array', minItems: 1, items: { enum: RELEASE_TAGS } },
      initiationType: { enum: ['tender'] },
      buyer: orgRef,
      parties: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'name'],
          additionalProperties: false,
          properties: {
            id: text,
            name: text,
            roles: { type: 'array', items: { enum: ['buyer', 'procuringEntity', 'supplier', 'tenderer', 'funder', 'enquirer', 'payer', 'payee', 'reviewBody'] } },
          },
        },
      },
      planning: {
        type: 'object',
        properties: { rationale: { type: 'string' }, budget: { type: 'object', properties: { amount: value, description: { type: 'string' } } } },
      },
      tender: { $ref: '#/definitions/tender' },
      awards: { type: 'array', items: { $ref: '#/definitions/award' } },
      contracts: { type: 'array', items: { $ref: '#/definitions/contract' } },
    },
  },
  tender: {
    type: 'object',
    required: ['id'],
    properties: {
      id: text,
      status: { enum: ['planning', 'planned', 'active', 'cancelled', 'unsuccessful', 'complete', 'withdrawn'] },
      procurementMethod: { enum: ['open', 'selective', 'limited', 'direct'] },
      procurementMethodRationale: { type: 'string' },
      procurementMethodDetails: { type: 'string' },
      value,
      tenderPeriod: period,
      numberOfTenderers: { type: 'integer', minimum: 0 },
      tenderers: { type: 'array', items: orgRef },
    },
  },
  award: {
    type: 'object',
    required: ['id'],
    properties: { id: text, status: { enum: ['pending', 'active', 'cancelled', 'unsuccessful'] }, date: dateTime, value, suppliers: { type: 'array', items: orgRef }, contractPeriod: period },
  },
  contract: {
    type: 'object',
    required: ['id', 'awardID'],
    properties: {
      id: text,
      awardID: text,
      status: { enum: ['pending', 'active', 'cancelled', 'terminated'] },
      value,
      period,
      dateSigned: dateTime,
      amendments: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'date', 'rationale'],
          properties: { id: text, date: dateTime, rationale: { type: 'string' }, description: { type: 'string' }, amendsReleaseID: text, releaseID: text },
        },
      },
      implementation: {
        type: 'object',
        properties: {
          milestones: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id'],
              properties: {
                id: text,
                title: { type: 'string' },
                type: { enum: ['preProcurement', 'approval', 'engagement', 'assessment', 'delivery', 'reporting', 'financing'] },
                status: { enum: ['scheduled', 'met', 'notMet', 'partiallyMet'] },
                dateMet: dateTime,
                dateModified: dateTime,
              },
            },
          },
          transactions: {
            type: 'array',
            items: { type: 'object', required: ['id'], properties: { id: text, date: dateTime, value, payer: orgRef, payee: orgRef } },
          },
        },
      },
    },
  },
};

const packageHead = {
  uri: { type: 'string', format: 'uri' },
  version: { enum: ['1.1'] },
  publishedDate: dateTime,
  publisher: { type: 'object', required: ['name'], properties: { name: text } },
  license: { type: 'string', format: 'uri' },
};

export const ocdsReleasePackageSchema = {
  id: 'https://commissioning-ledger.org.uk/schemas/ocds-release-package-1.1.json',
  $schema: 'http://json-schema.org/draft-04/schema#',
  title: 'OCDS 1.1 release package, as this ledger publishes it',
  type: 'object',
  required: ['uri', 'publisher', 'publishedDate', 'releases', 'version'],
  properties: { ...packageHead, releases: { type: 'array', minItems: 1, items: { $ref: '#/definitions/release' } } },
  definitions,
};

export const ocdsRecordPackageSchema = {
  id: 'https://commissioning-ledger.org.uk/schemas/ocds-record-package-1.1.json',
  $schema: 'http://json-schema.org/draft-04/schema#',
  title: 'OCDS 1.1 record package, as this ledger publishes it',
  type: 'object',
  required: ['uri', 'publisher', 'publishedDate', 'records', 'version'],
  properties: {
    ...packageHead,
    records: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['ocid', 'releases'],
        properties: {
          ocid: { type: 'string', pattern: '^ocds-[a-z0-9]{6}-.+$' },
          releases: { type: 'array', minItems: 1, items: { $ref: '#/definitions/release' } },
          compiledRelease: { $ref: '#/definitions/release' },
        },
      },
    },
  },
  definitions,
};
