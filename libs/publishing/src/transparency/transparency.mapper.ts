import { csvField } from '@app/audit';
import { poundsText } from '../money';
import type { PublishingSettings } from '../publishing.settings';
import { CONTRACTS_PUBLISHED_OVER_PENCE, phaseOf, SPEND_PUBLISHED_OVER_PENCE } from '@app/domain';
import { awardOf, isGrant, mechanismNameOf, purposeOf, reasonsOf } from '../source/case-facts';
import { recipientOf } from '../source/parties';
import type { YearHistory } from '../source/year-history';

/**
 * The lists the Elected Local Policing Bodies (Specified Information) Order 2011 asks a PCC
 * to publish: contracts over £10,000, every crime and disorder reduction grant with its
 * recipient, purpose, conditions and reasons, and each payment over £500, month by month.
 */
export type TransparencyList = 'contracts' | 'grants' | 'spend';
export const TRANSPARENCY_LISTS: readonly TransparencyList[] = ['contracts', 'grants', 'spend'];

/** Over £10,000, as the Order says: not at it. */
export const CONTRACT_THRESHOLD_PENCE = CONTRACTS_PUBLISHED_OVER_PENCE;
/** Over £500. */
export const SPEND_THRESHOLD_PENCE = SPEND_PUBLISHED_OVER_PENCE;

export type TransparencyRow = Readonly<Record<string, string>>;

const COLUMNS: Record<TransparencyList, readonly string[]> = {
  contracts: ['reference', 'title', 'supplier', 'value', 'start', 'end', 'awarded', 'mechanism', 'purpose', 'status'],
  grants: ['reference', 'title', 'recipient', 'value', 'start', 'end', 'awarded', 'mechanism', 'purpose', 'conditions', 'reasons', 'status'],
  spend: ['month', 'paid', 'reference', 'title', 'supplier', 'value', 'mechanism', 'purpose', 'paymentRef'],
};

export const columnsOf = (list: TransparencyList): readonly string[] => COLUMNS[list];

const STATUS = { 'pre-award': 'allocated', contract: 'active', ended: 'ended' } as const;

export function transparencyRows(history: YearHistory, list: TransparencyList, settings: PublishingSettings): TransparencyRow[] {
  if (list === 'spend') return spendRows(history, settings);
  const { definition } = history;
  return history.cases.flatMap((published): TransparencyRow[] => {
    if (isGrant(published, definition) !== (list === 'grants')) return [];
    const award = awardOf(published, definition, settings);
    if (!award || (list === 'contracts' && award.pence <= CONTRACT_THRESHOLD_PENCE)) return [];
    const { state } = published;
    const common = {
      reference: published.caseId,
      title: state.profile.title,
      value: poundsText(award.pence),
      start: award.startDate,
      end: award.endDate,
      awarded: award.awardedOn,
      mechanism: mechanismNameOf(definition, state),
      purpose: purposeOf(state),
      status: STATUS[phaseOf(state) ?? 'contract'],
    };
    const who = award.recipient?.name ?? state.contract?.provider ?? '';
    const row: Record<string, string> =
      list === 'contracts' ? { ...common, supplier: who } : { ...common, recipient: who, conditions: award.conditions.join('; '), reasons: reasonsOf(definition, state).join('; ') };
    return [Object.fromEntries(columnsOf(list).map((column) => [column, row[column]]))];
  });
}

/**
 * Each payment over £500 recorded against the year's agreements (as of the history folded),
 * by month of payment, oldest first: when, to whom, how much, for what, under which
 * payment reference. A payment is the agreement's, not a person's: who recorded or approved
 * it stays in the ledger.
 */
export function spendRows(history: YearHistory, settings: PublishingSettings): TransparencyRow[] {
  const { definition } = history;
  const rows = history.cases.flatMap((published) => {
    const { state } = published;
    const supplier = recipientOf(published, definition, settings)?.name ?? state.contract?.provider ?? '';
    return (state.payments?.claims ?? [])
      .filter((claim) => claim.status === 'paid' && claim.paidOn !== undefined && claim.pence > SPEND_THRESHOLD_PENCE)
      .map((claim) => ({
        month: (claim.paidOn as string).slice(0, 7),
        paid: claim.paidOn as string,
        reference: published.caseId,
        title: state.profile.title,
        supplier,
        value: poundsText(claim.pence),
        mechanism: mechanismNameOf(definition, state),
        purpose: purposeOf(state),
        paymentRef: claim.paymentRef ?? '',
        claimId: claim.claimId,
      }));
  });
  rows.sort((a, b) => a.paid.localeCompare(b.paid) || a.reference.localeCompare(b.reference, 'en') || a.claimId.localeCompare(b.claimId, 'en'));
  return rows.map((row) => Object.fromEntries(columnsOf('spend').map((column) => [column, row[column as keyof typeof row]])));
}

/** A spreadsheet would run a cell that starts like a formula: such text is written with a leading apostrophe. */
const defused = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** RFC 4180, CRLF line ends, a header row of the list's columns. */
export function transparencyCsv(list: TransparencyList, rows: readonly TransparencyRow[]): string {
  const columns = columnsOf(list);
  const lines = [columns.join(','), ...rows.map((row) => columns.map((column) => csvField(column === 'value' ? row[column] : defused(row[column] ?? ''))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
