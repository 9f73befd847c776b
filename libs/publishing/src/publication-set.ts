import { createHash } from 'node:crypto';
import type { PublishingService } from './publishing.service';
import type { YearHistory } from './source/year-history';
import { publishedDateOf } from './ocds/ocds.packages';

/** One file of a year's publications: its name, how many records it holds, its exact bytes. */
export interface PublicationFile {
  readonly file: string;
  readonly records: number;
  readonly content: string;
}

export interface ManifestEntry {
  readonly file: string;
  readonly records: number;
  readonly bytes: number;
  readonly sha256: string;
}

export interface Manifest {
  readonly financialYear: string;
  readonly publishedDate: string;
  readonly asOf?: { readonly at: string; readonly basis: string };
  readonly files: readonly ManifestEntry[];
}

const json = (document: unknown): string => `${JSON.stringify(document, null, 2)}\n`;

/**
 * Every publication of the year, made and validated in full before any is written, so a
 * document that fails its schema leaves no file behind. The same fold gives the same bytes.
 */
export function publicationSet(publishing: PublishingService, history: YearHistory): PublicationFile[] {
  const year = history.financialYear;
  const grants = publishing.threeSixtyGiving(history);
  const releases = publishing.ocdsReleases(history);
  const records = publishing.ocdsRecords(history);
  const contracts = publishing.transparency(history, 'contracts');
  const grantList = publishing.transparency(history, 'grants');
  const spend = publishing.transparency(history, 'spend');
  return [
    { file: `360giving-${year}.json`, records: grants.grants.length, content: json(grants) },
    { file: `ocds-releases-${year}.json`, records: (releases.releases as unknown[]).length, content: json(releases) },
    { file: `ocds-records-${year}.json`, records: (records.records as unknown[]).length, content: json(records) },
    { file: `contracts-${year}.csv`, records: contracts.json.rows.length, content: contracts.csv },
    { file: `contracts-${year}.json`, records: contracts.json.rows.length, content: json(contracts.json) },
    { file: `grants-${year}.csv`, records: grantList.json.rows.length, content: grantList.csv },
    { file: `grants-${year}.json`, records: grantList.json.rows.length, content: json(grantList.json) },
    { file: `spend-${year}.csv`, records: spend.json.rows.length, content: spend.csv },
    { file: `spend-${year}.json`, records: spend.json.rows.length, content: json(spend.json) },
  ];
}

export function manifestOf(history: YearHistory, files: readonly PublicationFile[]): Manifest {
  return {
    financialYear: history.financialYear,
    publishedDate: publishedDateOf(history),
    ...(history.asOf ? { asOf: { at: history.asOf.at.toISOString(), basis: history.asOf.basis } } : {}),
    files: files.map(({ file, records, content }) => ({
      file,
      records,
      bytes: Buffer.byteLength(content, 'utf8'),
      sha256: createHash('sha256').update(content, 'utf8').digest('hex'),
    })),
  };
}
