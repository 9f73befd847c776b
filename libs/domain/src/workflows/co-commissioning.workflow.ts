import {
  CLOSING_STAGES, closingRules, CONTRACT_COMMANDS, CONTRACT_DEADLINES, CONTRACT_EVENTS, CONTRACT_STAGES, DEFAULT_SETTINGS,
} from './contract-lifecycle.workflow';
import type { WorkflowDefinition } from './workflow.types';

const PRE_AWARD = ['proposed', 'with-board', 'board-approved'];
const closing = closingRules(PRE_AWARD);

/** Co-commissioning (6.2b): an existing board commissions on the PCC's behalf. */
export const coCommissioningWorkflowV1: WorkflowDefinition = {
  id: 'co-commissioning',
  version: 1,
  title: 'Co-commissioning',
  mechanism: 'co-commissioning',
  opensWith: ['RaiseProposal', 'ImportExistingCommitment'],
  stages: [
    { id: 'proposed', label: 'Proposal raised', phase: 'pre-award' },
    { id: 'with-board', label: 'Assigned to a commissioning board', phase: 'pre-award' },
    { id: 'board-approved', label: 'Approved by the board', phase: 'pre-award' },
    { id: 'board-rejected', label: 'Rejected by the board', phase: 'ended' },
    ...CONTRACT_STAGES,
    ...CLOSING_STAGES,
  ],
  commands: [
    { command: 'AssignBoard', from: ['proposed'], guards: ['boardOfFramework'] },
    { command: 'RecordBoardDecision', from: ['with-board'] },
    { command: 'AwardContract', from: ['board-approved'], guards: ['contractTermsValid'] },
    ...closing.commands,
    ...CONTRACT_COMMANDS,
  ],
  events: [
    { event: 'ProposalRaised', from: [], to: 'proposed' },
    { event: 'ExistingCommitmentImported', from: [], to: 'active' },
    { event: 'BoardAssigned', from: ['proposed'], to: 'with-board' },
    {
      event: 'BoardDecisionRecorded',
      from: ['with-board'],
      to: { byField: 'decision', values: { approved: 'board-approved', rejected: 'board-rejected' } },
    },
    { event: 'ContractAwarded', from: ['board-approved'], to: 'active' },
    ...closing.events,
    ...CONTRACT_EVENTS,
  ],
  deadlines: CONTRACT_DEADLINES,
  settings: DEFAULT_SETTINGS,
};
