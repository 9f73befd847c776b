import { Inject, Injectable } from '@nestjs/common';
import { AUDIT_LOG, type AsOf, type AuditLog } from '@app/audit';
import { threeSixtyGivingPackage } from './grants/three-sixty-giving.mapper';
import { ocdsRecordPackage, ocdsReleasePackage, publishedDateOf } from './ocds/ocds.packages';
import { PUBLISHING_SETTINGS, type PublishingSettings } from './publishing.settings';
import { readYear, type YearHistory } from './source/year-history';
import { type TransparencyList, transparencyCsv, transparencyRows } from './transparency/transparency.mapper';
import { DocumentValidator } from './validation/document-validator';

export interface PublicationRequest {
  readonly financialYear: string;
  readonly asOf?: AsOf;
}

/** A transparency list in both of its forms, from the same rows. */
export interface TransparencyDocument {
  readonly json: { list: TransparencyList; financialYear: string; publishedDate: string; rows: Record<string, string>[] };
  readonly csv: string;
}

/**
 * The year's publications, each made from one fold of the log (as of an instant, or now)
 * and validated against its standard's schema before anyone sees it.
 */
@Injectable()
export class PublishingService {
  private readonly validator = new DocumentValidator();

  constructor(
    @Inject(AUDIT_LOG) private readonly log: AuditLog,
    @Inject(PUBLISHING_SETTINGS) private readonly settings: PublishingSettings,
  ) {}

  history(request: PublicationRequest, onEvent?: () => void): Promise<YearHistory> {
    return readYear(this.log, request.financialYear, request.asOf, onEvent);
  }

  threeSixtyGiving(history: YearHistory) {
    return this.validator.check('360giving', threeSixtyGivingPackage(history, this.settings));
  }

  ocdsReleases(history: YearHistory) {
    return this.validator.check('ocds-releases', ocdsReleasePackage(history, this.settings, this.uriOf('ocds/releases', history)));
  }

  ocdsRecords(history: YearHistory) {
    return this.validator.check('ocds-records', ocdsRecordPackage(history, this.settings, this.uriOf('ocds/records', history)));
  }

  transparency(history: YearHistory, list: TransparencyList): TransparencyDocument {
    const rows = transparencyRows(history, list, this.settings).map((row) => ({ ...row }));
    const json = this.validator.check(`transparency-${list}`, { list, financialYear: history.financialYear, publishedDate: publishedDateOf(history), rows });
    return { json, csv: transparencyCsv(list, json.rows) };
  }

  /** Where the package is published for anyone: the open-data address of the same query. */
  private uriOf(path: string, history: YearHistory): string {
    const query = new URLSearchParams({ financialYear: history.financialYear, ...(history.asOf ? { asOf: history.asOf.at.toISOString(), basis: history.asOf.basis } : {}) });
    return `${this.settings.publicUrl}/open-data/${path}?${query.toString()}`;
  }
}
