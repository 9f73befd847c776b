import {
  CLOSING_STAGES, closingRules, CONTRACT_COMMANDS, CONTRACT_DEADLINES, CONTRACT_EVENTS, CONTRACT_STAGES, DEFAULT_SETTINGS,
} from './contract-lifecycle.workflow';
import type { WorkflowDefinition } from './workflow.types';

const PRE_AWARD = ['proposed', 'tendering', 'provider-selected', 'dispensation-granted'];
const closing = closingRules(PRE_AWARD);

/** Direct commissioning (6.2a): open tender, or a single-provider dispensation with its reason. */
export const directWorkflowV1: WorkflowDefinition = {
  id: 'direct',
  version: 1,
  title: 'Direct commissioning',
  mechanism: 'direct',
  opensWith: ['RaiseProposal', 'ImportExistingCommitment'],
  stages: [
    { id: 'proposed', label: 'Proposal raised', phase: 'pre-award' },
    { id: 'tendering', label: 'Open tender issued', phase: 'pre-award' },
    { id: 'provider-selected', label: 'Provider selected', phase: 'pre-award' },
    { id: 'dispensation-granted', label: 'Single-provider dispensation granted', phase: 'pre-award' },
    ...CONTRACT_STAGES,
    ...CLOSING_STAGES,
  ],
  commands: [
    { command: 'IssueTender', from: ['proposed'], guards: ['tenderClosesAfterIssue'] },
    { command: 'SelectProvider', from: ['tendering'], guards: ['tenderHadBids'] },
    { command: 'GrantSingleProviderDispensation', from: ['proposed'], guards: ['reasonGiven'] },
    { command: 'AwardContract', from: ['provider-selected', 'dispensation-granted'], guards: ['contractTermsValid', 'awardToChosenProvider'] },
    ...closing.commands,
    ...CONTRACT_COMMANDS,
  ],
  events: [
    { event: 'ProposalRaised', from: [], to: 'proposed' },
    { event: 'ExistingCommitmentImported', from: [], to: 'active' },
    { event: 'TenderIssued', from: ['proposed'], to: 'tendering' },
    { event: 'ProviderSelected', from: ['tendering'], to: 'provider-selected' },
    { event: 'SingleProviderDispensationGranted', from: ['proposed'], to: 'dispensation-granted' },
    { event: 'ContractAwarded', from: ['provider-selected', 'dispensation-granted'], to: 'active' },
    ...closing.events,
    ...CONTRACT_EVENTS,
  ],
  deadlines: CONTRACT_DEADLINES,
  settings: DEFAULT_SETTINGS,
};
