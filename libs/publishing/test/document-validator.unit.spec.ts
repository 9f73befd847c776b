import { DocumentValidator, fieldOf } from '@app/publishing';

const grant = (overrides: Record<string, unknown> = {}) => ({
  id: '360G-leicspcc-2016-17-B51',
  title: 'Blaby PLF',
  description: 'Blaby PLF',
  currency: 'GBP',
  amountAwarded: 29700.5,
  awardDate: '2015-10-23',
  recipientOrganization: [{ id: 'GB-LAE-BLA', name: 'Blaby District Council' }],
  fundingOrganization: [{ id: '360G-leicspcc', name: 'Police and Crime Commissioner' }],
  ...overrides,
});
const refusal = (kind: Parameters<DocumentValidator['check']>[0], document: unknown) => {
  try {
    new DocumentValidator().check(kind, document);
  } catch (error) {
    return error as { code: string; message: string; details: { errors: { field: string; reason: string }[] } };
  }
  throw new Error('the document was accepted');
};

describe('every publication is checked against its standard before it leaves', () => {
  const validator = new DocumentValidator();

  it('accepts a 360Giving package with the standard’s required fields', () => {
    const document = { version: '1.4', grants: [grant()] };
    expect(validator.check('360giving', document)).toBe(document);
  });

  it.each([
    ['a missing amountAwarded', { amountAwarded: undefined }, 'grants[0].amountAwarded', 'is required'],
    ['an amount written as text', { amountAwarded: '29700.50' }, 'grants[0].amountAwarded', 'must be number'],
    ['a fraction of a penny', { amountAwarded: 0.001 }, 'grants[0].amountAwarded', 'must be multiple of 0.01'],
    ['a currency other than GBP', { currency: 'gbp' }, 'grants[0].currency', 'must be equal to one of the allowed values'],
    ['an id without the 360G prefix', { id: 'B51' }, 'grants[0].id', expect.stringMatching(/^must match pattern/)],
    ['a recipient without a name', { recipientOrganization: [{ id: 'GB-LAE-BLA' }] }, 'grants[0].recipientOrganization[0].name', 'is required'],
    ['a contact person on an organisation', { recipientOrganization: [{ id: 'GB-LAE-BLA', name: 'Blaby', contactName: 'A Person' }] }, 'grants[0].recipientOrganization[0]', 'must NOT have additional properties'],
    ['a grant to an individual', { recipientIndividual: { id: 'x', name: 'A Person' } }, 'grants[0].recipientIndividual', 'boolean schema is false'],
  ])('refuses %s, naming the failing path', (_, overrides, field, reason) => {
    const error = refusal('360giving', { version: '1.4', grants: [grant(overrides)] });
    expect(error.code).toBe('PUBLICATION_INVALID');
    expect(error.details.errors).toContainEqual({ field, reason });
    expect(error.message).toMatch(/^The 360Giving grant package was not published: /);
  });

  it('refuses an empty 360Giving package: the standard asks for at least one grant', () => {
    expect(refusal('360giving', { version: '1.4', grants: [] }).details.errors).toEqual([{ field: 'grants', reason: 'must NOT have fewer than 1 items' }]);
  });

  const release = (overrides: Record<string, unknown> = {}) => ({
    ocid: 'ocds-l3ics0-2016-17-B51',
    id: '6b1f3c1e-0000-4000-8000-000000000001',
    date: '2015-10-23T00:00:00+01:00',
    tag: ['planning'],
    initiationType: 'tender',
    ...overrides,
  });
  const releasePackage = (releases: unknown[]) => ({
    uri: 'http://localhost:3000/open-data/ocds/releases?financialYear=2016-17',
    version: '1.1',
    publishedDate: '2017-03-31T23:59:59.999Z',
    publisher: { name: 'Police and Crime Commissioner' },
    releases,
  });

  it('accepts an OCDS release package (draft-04) and refuses a release against the codelists', () => {
    expect(validator.check('ocds-releases', releasePackage([release()]))).toBeDefined();
    const errors = refusal('ocds-releases', releasePackage([release({ tag: ['proposal'], initiationType: 'direct', tender: { id: 't', procurementMethod: 'negotiated' } })])).details.errors;
    expect(errors.map((e) => e.field)).toEqual(['releases[0].tag[0]', 'releases[0].initiationType', 'releases[0].tender.procurementMethod']);
  });

  it('refuses an ocid without a registered prefix, a date without its offset, a contract without its award', () => {
    const errors = refusal('ocds-releases', releasePackage([release({ ocid: '2016-17-B51', date: '2015-10-23', contracts: [{ id: 'c' }] })])).details.errors;
    expect(errors).toEqual([
      { field: 'releases[0].ocid', reason: expect.stringMatching(/^must match pattern/) },
      { field: 'releases[0].date', reason: 'must match format "date-time"' },
      { field: 'releases[0].contracts[0].awardID', reason: 'is required' },
    ]);
  });

  it('names paths the way the ledger names fields everywhere else', () => {
    expect(fieldOf('/grants/3/amountAwarded')).toBe('grants[3].amountAwarded');
    expect(fieldOf('/a~1b/0')).toBe('a/b[0]');
    expect(fieldOf('')).toBe('(document)');
  });
});
