import type { PublishingSettings } from '../publishing.settings';
import type { YearHistory } from '../source/year-history';
import { recordOf } from './ocds-record';
import { type Json, releasesOf } from './ocds-release.mapper';

export const OCDS_VERSION = '1.1';

/** The date a publication speaks for: the instant asked for, or when the last event it folds was recorded. */
export const publishedDateOf = (history: YearHistory): string => (history.asOf ? history.asOf.at : new Date(history.lastRecordedAt)).toISOString();

function packageHead(history: YearHistory, settings: PublishingSettings, uri: string): Json {
  return { uri, version: OCDS_VERSION, publishedDate: publishedDateOf(history), publisher: { name: settings.funder.name }, license: settings.license };
}

/** Every release of the year's contracting processes, case by case, each in the order its case made them. */
export function ocdsReleasePackage(history: YearHistory, settings: PublishingSettings, uri: string): Json {
  const releases = history.cases.flatMap((c) => releasesOf(c, history.definition, settings));
  return { ...packageHead(history, settings, uri), releases };
}

/** One record per case that has published a release: its releases and their compiled release. */
export function ocdsRecordPackage(history: YearHistory, settings: PublishingSettings, uri: string): Json {
  const records = history.cases.map((c) => releasesOf(c, history.definition, settings)).filter((releases) => releases.length > 0).map(recordOf);
  return { ...packageHead(history, settings, uri), records };
}
