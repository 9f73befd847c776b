import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DomainError, type FieldProblem, geoCodeTypeOf, publishesAsGrant, readFrameworkDocument } from '@app/domain';
import { readSeedDocument, SEED_PATH } from './fixtures';

const text = readFileSync(SEED_PATH, 'utf8');
const checksum = createHash('sha256').update(text).digest('hex');

function problemsOf(document: unknown): FieldProblem[] {
  try {
    readFrameworkDocument(document, checksum);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return ((error as DomainError).details as { errors: FieldProblem[] }).errors;
  }
  throw new Error('the document was accepted');
}

describe('framework: what it says about publishing', () => {
  const definition = readFrameworkDocument(JSON.parse(text), checksum);

  it('gives every 2016/17 locality its ONS code', () => {
    expect(Object.fromEntries(definition.localities.map((l) => [l.slug, l.geoCode]))).toEqual({
      blaby: 'E07000129',
      charnwood: 'E07000130',
      harborough: 'E07000131',
      'hinckley-and-bosworth': 'E07000132',
      'leicester-city': 'E06000016',
      melton: 'E07000133',
      'north-west-leicestershire': 'E07000134',
      'oadby-and-wigston': 'E07000135',
      rutland: 'E06000017',
    });
  });

  it('names the lead council of each PLF line by its GB-LAE identifier', () => {
    const plf = definition.commitments.filter((c) => c.mechanism === 'plf');
    expect(plf.map((c) => [c.locality, c.recipientOrgId])).toEqual([
      ['leicester-city', 'GB-LAE-LCE'],
      ['charnwood', 'GB-LAE-CHA'],
      ['hinckley-and-bosworth', 'GB-LAE-HIN'],
      ['north-west-leicestershire', 'GB-LAE-NWL'],
      ['blaby', 'GB-LAE-BLA'],
      ['harborough', 'GB-LAE-HAO'],
      ['oadby-and-wigston', 'GB-LAE-OAD'],
      ['melton', 'GB-LAE-MEL'],
      ['rutland', 'GB-LAE-RUT'],
    ]);
  });

  it('leaves the identifier out where the source gives no registered organisation', () => {
    const byRef = Object.fromEntries(definition.commitments.map((c) => [c.ref, c]));
    expect(byRef.B26).toMatchObject({ organisation: 'Go-Getta CIC' });
    expect(byRef.B26.recipientOrgId).toBeUndefined();
    expect(byRef.B01.recipientOrgId).toBeUndefined(); // two councils named together
    expect(byRef.C01.recipientOrgId).toBeUndefined(); // no organisation at all
    expect(byRef.B41.recipientOrgId).toBe('GB-LAE-LCE');
  });

  it('publishes PLF and PCC grant agreements as grants, by the document and by default', () => {
    expect(['direct', 'co-commissioning', 'plf', 'pcc-grant'].map((m) => publishesAsGrant(definition, m as never))).toEqual([false, false, true, true]);
    expect(publishesAsGrant({ fundingMechanisms: [] }, 'plf')).toBe(true);
    expect(publishesAsGrant({ fundingMechanisms: [] }, 'direct')).toBe(false);
    expect(publishesAsGrant({ fundingMechanisms: [{ code: 'co-commissioning', name: 'Co', publishAsGrant: true }] }, 'co-commissioning')).toBe(true);
    expect(publishesAsGrant(definition, null)).toBe(false);
  });

  it('types a GSS code for 360Giving by its entity', () => {
    expect([geoCodeTypeOf('E07000129'), geoCodeTypeOf('E06000016'), geoCodeTypeOf('X99000001')]).toEqual(['NMD', 'UA', undefined]);
  });

  it('reads a document without any of the publishing fields', () => {
    const plain = readSeedDocument() as Record<string, any>;
    plain.localities.forEach((l: Record<string, unknown>) => delete l.geoCode);
    plain.fundingMechanisms.forEach((m: Record<string, unknown>) => delete m.publishAsGrant);
    plain.appendixB.sections.forEach((s: { lines: Record<string, unknown>[] }) => s.lines.forEach((l) => delete l.recipientOrgId));
    const read = readFrameworkDocument(plain, checksum);
    expect(read.localities[0]).not.toHaveProperty('geoCode');
    expect(read.commitments.some((c) => 'recipientOrgId' in c)).toBe(false);
    expect(publishesAsGrant(read, 'pcc-grant')).toBe(true);
  });

  it('refuses an ONS code, an org-id or a flag that is malformed, naming the field', () => {
    const bad = readSeedDocument() as Record<string, any>;
    bad.localities[0].geoCode = 'Blaby';
    bad.fundingMechanisms[2].publishAsGrant = 'yes';
    bad.appendixB.sections[0].lines[0].recipientOrgId = 'Leicester City Council';
    expect(problemsOf(bad)).toEqual([
      { field: 'fundingMechanisms[2].publishAsGrant', reason: 'must be true or false' },
      { field: 'localities[0].geoCode', reason: 'must be an ONS (GSS) code such as E07000129' },
      { field: 'appendixB.sections[0].lines[0].recipientOrgId', reason: expect.stringMatching(/^must be an org-id.guide identifier/) },
    ]);
  });
});
