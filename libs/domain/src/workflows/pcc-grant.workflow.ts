import {
  CLOSING_STAGES, closingRules, CONTRACT_COMMANDS, CONTRACT_DEADLINES, CONTRACT_EVENTS, CONTRACT_STAGES, DEFAULT_SETTINGS,
} from './contract-lifecycle.workflow';
import type { WorkflowDefinition } from './workflow.types';

const PRE_AWARD = ['application-received', 'assessed'];
const closing = closingRules(PRE_AWARD);

/** PCC Grant (6.2d): applications to an open round are assessed, then awarded or declined. */
export const pccGrantWorkflowV1: WorkflowDefinition = {
  id: 'pcc-grant',
  version: 1,
  title: 'PCC Grant',
  mechanism: 'pcc-grant',
  opensWith: ['ReceiveGrantApplication', 'ImportExistingCommitment'],
  stages: [
    { id: 'application-received', label: 'Application received', phase: 'pre-award' },
    { id: 'assessed', label: 'Application assessed', phase: 'pre-award' },
    { id: 'declined', label: 'Grant declined', phase: 'ended' },
    ...CONTRACT_STAGES,
    ...CLOSING_STAGES,
  ],
  commands: [
    { command: 'AssessGrantApplication', from: ['application-received'], guards: ['scoreInRange'] },
    { command: 'AwardContract', from: ['assessed'], guards: ['contractTermsValid', 'assessmentRecommendsAward', 'grantWithinRequest'] },
    { command: 'DeclineGrant', from: ['assessed'], guards: ['reasonGiven'] },
    ...closing.commands,
    ...CONTRACT_COMMANDS,
  ],
  events: [
    { event: 'GrantApplicationReceived', from: [], to: 'application-received' },
    { event: 'ExistingCommitmentImported', from: [], to: 'active' },
    { event: 'GrantApplicationAssessed', from: ['application-received'], to: 'assessed' },
    { event: 'ContractAwarded', from: ['assessed'], to: 'active' },
    { event: 'GrantDeclined', from: ['assessed'], to: 'declined' },
    ...closing.events,
    ...CONTRACT_EVENTS,
  ],
  deadlines: CONTRACT_DEADLINES,
  settings: DEFAULT_SETTINGS,
};
