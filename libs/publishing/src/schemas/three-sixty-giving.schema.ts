/**
 * The 360Giving Data Standard 1.4 structure this ledger publishes, written from the
 * standard's schema and guidance (standard.threesixtygiving.org): a grant's required fields
 * (id, title, description, currency, amountAwarded, awardDate, fundingOrganization and a
 * recipient), the identifier patterns (360G-<prefix>-<id>, org-id.guide lists), the
 * codelists it draws on (ISO 4217 currency, ISO 3166-1 country, geoCodeType). It is stricter
 * than the standard where the ledger promises more: an organisation carries its id and name
 * and nothing else, and a grant is never to an individual.
 */
const DATE = '^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$';

/** 360Giving's geoCodeType codelist (the ONS entities it names). */
export const GEO_CODE_TYPES = [
  'OA', 'LSOA', 'MSOA', 'PAR', 'WD', 'UA', 'NMD', 'MD', 'LONB', 'CTY', 'RGN/GOR', 'WPC', 'EER', 'CANNET', 'CSP', 'PFA', 'PUA', 'NPARK',
  'REGD', 'REGSD', 'TTWA', 'FRA', 'LAC', 'WZ', 'CMWD', 'LEP', 'CCG', 'NHSAT', 'CMLAD', 'CMCTY', 'SA', 'DZ', 'IG', 'CHP', 'HB', 'CA',
  'SPC', 'USOA', 'COM', 'NAWC', 'CDRP', 'AgricSmall', 'CFA',
];

export const threeSixtyGivingPackageSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://commissioning-ledger.org.uk/schemas/360giving-package-1.4.json',
  title: '360Giving grant package, as this ledger publishes it',
  type: 'object',
  required: ['version', 'grants'],
  properties: {
    version: { type: 'string', pattern: '^1\\.4$' },
    license: { type: 'string', format: 'uri' },
    grants: { type: 'array', minItems: 1, items: { $ref: '#/$defs/grant' } },
  },
  $defs: {
    date: { type: 'string', anyOf: [{ format: 'date-time' }, { pattern: DATE }] },
    organization: {
      type: 'object',
      required: ['id', 'name'],
      additionalProperties: false,
      properties: {
        // org-id.guide (GB-LAE-BLA, GB-CHC-1124127) or the publisher's own (360G-<prefix>-…).
        id: { type: 'string', pattern: '^(360G-[A-Za-z0-9_.]+(-[A-Za-z0-9._-]+)?|[A-Z]{2}-[A-Z0-9]{2,}-[A-Za-z0-9._-]+)$' },
        name: { type: 'string', minLength: 1 },
      },
    },
    event: {
      type: 'object',
      required: ['startDate'],
      properties: { startDate: { $ref: '#/$defs/date' }, endDate: { $ref: '#/$defs/date' }, duration: { type: 'string' } },
    },
    location: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', minLength: 1 },
        countryCode: { enum: ['GB'] },
        geoCode: { type: 'string', pattern: '^[EWSNK][0-9]{8}$' },
        geoCodeType: { enum: GEO_CODE_TYPES },
      },
    },
    grant: {
      type: 'object',
      required: ['id', 'title', 'description', 'currency', 'amountAwarded', 'awardDate', 'fundingOrganization', 'recipientOrganization'],
      properties: {
        recipientIndividual: false,
        id: { type: 'string', pattern: '^360G-[A-Za-z0-9_.]+-[A-Za-z0-9._-]+$' },
        title: { type: 'string', minLength: 1 },
        description: { type: 'string', minLength: 1 },
        currency: { enum: ['GBP'] },
        amountAwarded: { type: 'number', minimum: 0, multipleOf: 0.01 },
        awardDate: { $ref: '#/$defs/date' },
        plannedDates: { type: 'array', items: { $ref: '#/$defs/event' } },
        recipientOrganization: { type: 'array', minItems: 1, items: { $ref: '#/$defs/organization' } },
        fundingOrganization: { type: 'array', minItems: 1, items: { $ref: '#/$defs/organization' } },
        beneficiaryLocation: { type: 'array', items: { $ref: '#/$defs/location' } },
        grantProgramme: {
          type: 'array',
          items: { type: 'object', required: ['code', 'title'], properties: { code: { type: 'string' }, title: { type: 'string' } } },
        },
        classifications: {
          type: 'array',
          items: {
            type: 'object',
            required: ['vocabulary', 'code'],
            properties: { vocabulary: { type: 'string' }, code: { type: 'string' }, title: { type: 'string' } },
          },
        },
        dateModified: { type: 'string', format: 'date-time' },
      },
    },
  },
} as const;
