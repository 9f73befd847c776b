import { parseAsOf } from '@app/audit';
import { type PublishingLedger, publishingLedger } from './publishing-ledger';

type Json = Record<string, unknown>;

/** Publications read the framework as amended during its year, not only as it was imported. */
describe('publishing a framework changed during its year', () => {
  let ledger: PublishingLedger;
  beforeAll(async () => {
    ledger = await publishingLedger();
    await ledger.framework({ type: 'MergeLocalities', on: '2016-05-01', reason: 'Melton and Charnwood CSPs merged', locality: 'melton', into: 'charnwood' }, '2016-05-01');
    await ledger.framework(
      { type: 'AddStrategicPriority', on: '2016-05-02', reason: 'Rural crime added by the Police and Crime Panel', priority: { code: 'RC1', number: 40, theme: 'safer-communities', title: 'Tackling rural crime' } },
      '2016-05-02',
    );
    await ledger.settled();
  }, 600_000);
  afterAll(() => ledger?.close());

  const history = (at: string) => ledger.publishing.history({ financialYear: '2016-17', asOf: parseAsOf(at) });

  it('folds the amendments recorded by then into the framework the publications read', async () => {
    const before = await history('2016-04-30');
    expect(before.definition.localities.map((l) => l.slug)).toContain('melton');
    expect(before.definition.strategicPriorities.map((p) => p.code)).not.toContain('RC1');
    const after = await history('2016-06-01');
    expect(after.definition.localities.map((l) => l.slug)).not.toContain('melton');
    expect(after.definition.strategicPriorities.find((p) => p.code === 'RC1')).toMatchObject({ title: 'Tackling rural crime' });
    expect(after.formerLocalities.map((l) => l.slug)).toEqual(['melton']);
  });

  it("still places Melton's PLF grant in Melton after the merge, with its ONS code", async () => {
    const { grants } = ledger.publishing.threeSixtyGiving(await history("2016-06-01")) as unknown as { grants: Json[] };
    const melton = grants.find((g) => (g.beneficiaryLocation as Json[] | undefined)?.some((l) => l.name === 'Melton'));
    expect(melton).toBeDefined();
    expect((melton?.beneficiaryLocation as Json[])[0]).toMatchObject({ name: 'Melton', countryCode: 'GB', geoCode: expect.stringMatching(/^E0/) });
  });
});
