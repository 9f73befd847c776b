import { type BusinessDate, caseDecider, type CaseState, type FrameworkDefinition, formatPence, formatUkDate, includedPlanPence, type OpenCase, type Pence } from '@app/domain';
import { londonOffset } from '@app/platform';
import { poundsOf } from '../money';
import type { PublishingSettings } from '../publishing.settings';
import { lineOf, type Party, partyFor, recipientOf } from '../source/parties';
import { purposeOf } from '../source/case-facts';
import type { LoggedCaseEvent, PublishedCase } from '../source/year-history';

export type Json = Record<string, unknown>;

/** One contracting process per case: its ocid is the configured prefix and the case id. */
export const ocidOf = (settings: PublishingSettings, caseId: string): string => `${settings.ocidPrefix}-${caseId}`;

const value = (pence: Pence) => ({ amount: poundsOf(pence), currency: 'GBP' });
const startOf = (date: BusinessDate) => `${date}T00:00:00${londonOffset(date)}`;
const endOf = (date: BusinessDate) => `${date}T23:59:59${londonOffset(date)}`;
const period = (start: BusinessDate, end: BusinessDate) => ({ startDate: startOf(start), endDate: endOf(end) });
const MILESTONE_STATUS = { green: 'met', amber: 'partiallyMet', red: 'notMet' } as const;

interface Context {
  readonly ocid: string;
  readonly published: PublishedCase;
  readonly definition: FrameworkDefinition;
  readonly settings: PublishingSettings;
  /** The release that last set the contract's value: what a variation amends. */
  contractReleaseId?: string;
}

interface Sections {
  readonly tag: string[];
  readonly body: Json;
  readonly parties?: readonly (Party & { roles: string[] })[];
  readonly setsContract?: boolean;
}

/**
 * A release per decision of the case, in the order the case made them: each carries the
 * sections that decision changed, is identified by the event it comes from (stable from
 * one publication to the next) and dated with the business time the event speaks of.
 * Reminders, meetings and assessments are the commissioning's own business and publish nothing.
 */
export function releasesOf(published: PublishedCase, definition: FrameworkDefinition, settings: PublishingSettings): Json[] {
  const context: Context = { ocid: ocidOf(settings, published.caseId), published, definition, settings };
  const buyer = { id: settings.funder.id, name: settings.funder.name };
  const releases: Json[] = [];
  let state: CaseState = caseDecider.initialState;
  for (const logged of published.events) {
    const before = state;
    state = caseDecider.evolve(state, logged.event);
    if (state.status !== 'open') continue;
    const sections = sectionsOf(logged, before, state, context);
    if (!sections) continue;
    if (sections.setsContract) context.contractReleaseId = logged.id;
    releases.push({
      ocid: context.ocid,
      id: logged.id,
      date: logged.occurredAt,
      tag: sections.tag,
      initiationType: 'tender',
      parties: [{ ...buyer, roles: ['buyer'] }, ...(sections.parties ?? [])],
      buyer,
      ...sections.body,
    });
  }
  return releases;
}

type PaymentMade = Extract<LoggedCaseEvent['event'], { type: 'ClaimPaid' }>['data'];

function sectionsOf(logged: LoggedCaseEvent, before: CaseState, state: OpenCase, c: Context): Sections | undefined {
  const tender = { id: `${c.ocid}-tender`, title: state.profile.title, description: purposeOf(state) };
  const { event } = logged;
  switch (event.type) {
    case 'ProposalRaised':
      return planning(tender, event.data.estimatedValuePence, 'Estimated value of the proposal');
    case 'AdditionalAllocationImported':
      return planning(tender, event.data.allocationPence, `Allocated in the ${c.definition.title}`);
    case 'CspPlanRequested':
      return planning(tender, event.data.allocationPence, 'The Community Safety Partnership’s Partnership Locality Fund allocation');
    case 'GrantApplicationReceived':
      return { tag: ['planning'], body: { tender: { ...tender, status: 'active' } } };
    case 'CspPlanSubmitted':
    case 'PlanLinesExcludedAsDuplicate':
      return { tag: ['planningUpdate'], body: { planning: { budget: { amount: value(includedPlanPence(state)), description: 'The plan’s lines agreed so far' } } } };
    case 'BoardDecisionRecorded':
      return event.data.decision === 'approved'
        ? { tag: ['planningUpdate'], body: { planning: { rationale: `Approved by ${boardName(c, event.data.board)}` } } }
        : { tag: ['tenderCancellation'], body: { tender: { id: tender.id, status: 'cancelled' } } };
    case 'TenderIssued':
      return {
        tag: ['tender'],
        body: {
          tender: { ...tender, status: 'active', procurementMethod: 'open', procurementMethodDetails: `Open tender ${event.data.reference}`, tenderPeriod: period(event.data.on, event.data.closesOn) },
        },
      };
    case 'ProviderSelected':
      return { tag: ['tenderUpdate'], body: { tender: { id: tender.id, status: 'complete', numberOfTenderers: event.data.bidsReceived } } };
    case 'SingleProviderDispensationGranted': {
      const provider = partyOf(c, event.data.provider);
      return {
        tag: ['tender'],
        body: {
          tender: {
            ...tender,
            status: 'complete',
            procurementMethod: 'limited',
            procurementMethodDetails: 'Single-provider dispensation',
            procurementMethodRationale: event.data.reason,
            numberOfTenderers: 1,
            tenderers: [provider],
          },
        },
        parties: [{ ...provider, roles: ['tenderer'] }],
      };
    }
    case 'ProposalRejected':
      return cancelled(tender.id, 'cancelled');
    case 'ProposalWithdrawn':
      return cancelled(tender.id, 'withdrawn');
    case 'GrantDeclined':
      return cancelled(tender.id, 'unsuccessful');
    case 'ExistingCommitmentImported':
      // The source gives no procurement route for what it already commits: none is invented.
      return awarded(c, state, event.data.on, { ...tender, status: 'complete' });
    case 'ContractAwarded':
      return awarded(c, state, event.data.on, { id: tender.id, status: 'complete' });
    case 'PerformanceReported':
      return implementation(c, logged, event.data, state);
    case 'ClaimPaid':
      return transaction(c, event.data);
    case 'ContractVaried':
      return variation(c, logged, event.data, before);
    case 'ContractClosed':
      return { tag: ['contractUpdate'], body: { contracts: [{ ...contractRef(c), status: 'terminated' }] } };
    case 'ContractTerminated':
      return { tag: ['contractTermination'], body: { contracts: [{ ...contractRef(c), status: 'terminated', period: { endDate: endOf(event.data.on) } }] } };
    default:
      return undefined;
  }
}

const planning = (tender: Json, pence: Pence, description: string): Sections => ({
  tag: ['planning'],
  body: { planning: { budget: { amount: value(pence), description } }, tender: { ...tender, status: 'planning' } },
});

const cancelled = (id: string, status: string): Sections => ({ tag: ['tenderCancellation'], body: { tender: { id, status } } });

const boardName = (c: Context, code: string) => c.definition.boards.find((b) => b.code === code)?.name ?? code;

const partyOf = (c: Context, name: string): Party => partyFor(name, lineOf(c.definition, c.published.caseId), c.settings);

const contractRef = (c: Context) => ({ id: `${c.ocid}-contract`, awardID: `${c.ocid}-award` });

function awarded(c: Context, state: OpenCase, awardedOn: BusinessDate, tender: Json): Sections {
  const contract = state.contract;
  if (!contract) return { tag: ['award'], body: { tender } };
  const supplier = recipientOf(c.published, c.definition, c.settings);
  const suppliers = supplier && supplier.name === contract.provider.trim() ? [supplier] : [];
  return {
    tag: ['award', 'contract'],
    body: {
      tender,
      awards: [{ id: `${c.ocid}-award`, title: state.profile.title, status: 'active', date: startOf(awardedOn), value: value(contract.valuePence), ...(suppliers.length ? { suppliers } : {}), contractPeriod: period(contract.startDate, contract.endDate) }],
      contracts: [{ ...contractRef(c), title: state.profile.title, status: 'active', value: value(contract.valuePence), period: period(contract.startDate, contract.endDate), dateSigned: startOf(awardedOn) }],
    },
    parties: suppliers.map((s) => ({ ...s, roles: ['supplier'] })),
    setsContract: true,
  };
}

type Reported = Extract<LoggedCaseEvent['event'], { type: 'PerformanceReported' }>['data'];

function implementation(c: Context, logged: LoggedCaseEvent, report: Reported, state: OpenCase): Sections {
  const measure = [...(state.contract?.measures ?? []), ...(state.plan?.measures ?? [])].find((m) => m.id === report.measureId);
  const milestone = {
    id: logged.id,
    title: `${measure?.name ?? report.measureId}: ${report.period}`,
    type: 'reporting',
    status: MILESTONE_STATUS[report.rag],
    ...(report.rag === 'green' ? { dateMet: logged.occurredAt } : {}),
    dateModified: logged.occurredAt,
    description: `${report.actual} against a target of ${report.target}${measure ? ` ${measure.unit}` : ''}`,
  };
  return { tag: ['implementation'], body: { contracts: [{ ...contractRef(c), implementation: { milestones: [milestone] } }] } };
}

/** A payment is a transaction of the contract's implementation, from the buyer to the supplier. */
function transaction(c: Context, payment: PaymentMade): Sections {
  const supplier = recipientOf(c.published, c.definition, c.settings);
  const item = {
    id: `${c.ocid}-payment-${payment.claimId}`,
    date: startOf(payment.on),
    value: value(payment.pence),
    payer: { id: c.settings.funder.id, name: c.settings.funder.name },
    ...(supplier ? { payee: supplier } : {}),
  };
  return {
    tag: ['implementation'],
    body: { contracts: [{ ...contractRef(c), implementation: { transactions: [item] } }] },
    parties: supplier ? [{ ...supplier, roles: ['payee'] }] : [],
  };
}

type Varied = Extract<LoggedCaseEvent['event'], { type: 'ContractVaried' }>['data'];

function variation(c: Context, logged: LoggedCaseEvent, varied: Varied, before: CaseState): Sections {
  const start = before.status === 'open' && before.contract ? before.contract.startDate : varied.on;
  const amendment = {
    id: logged.id,
    date: logged.occurredAt,
    rationale: varied.reason,
    description: `Value from ${formatPence(varied.previousValuePence)} to ${formatPence(varied.valuePence)}; ends on ${formatUkDate(varied.endDate)}`,
    ...(c.contractReleaseId ? { amendsReleaseID: c.contractReleaseId } : {}),
    releaseID: logged.id,
  };
  return {
    tag: ['contractAmendment'],
    body: { contracts: [{ ...contractRef(c), value: value(varied.valuePence), period: period(start, varied.endDate), amendments: [amendment] }] },
    setsContract: true,
  };
}
