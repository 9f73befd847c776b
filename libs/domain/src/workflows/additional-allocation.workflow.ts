import {
  CLOSING_STAGES, closingRules, CONTRACT_COMMANDS, CONTRACT_DEADLINES, CONTRACT_EVENTS, CONTRACT_STAGES, DEFAULT_SETTINGS,
} from './contract-lifecycle.workflow';
import type { WorkflowDefinition } from './workflow.types';

const closing = closingRules(['allocated']);

/**
 * An additional allocation (Appendix C): funds set aside for an initiative the source names
 * without a provider or mechanism. It becomes a contract when awarded.
 */
export const additionalAllocationWorkflowV1: WorkflowDefinition = {
  id: 'additional-allocation',
  version: 1,
  title: 'Additional allocation',
  mechanism: null,
  opensWith: ['ImportAdditionalAllocation'],
  stages: [{ id: 'allocated', label: 'Funds allocated', phase: 'pre-award' }, ...CONTRACT_STAGES, ...CLOSING_STAGES],
  commands: [
    { command: 'AwardContract', from: ['allocated'], guards: ['contractTermsValid'] },
    ...closing.commands,
    ...CONTRACT_COMMANDS,
  ],
  events: [
    { event: 'AdditionalAllocationImported', from: [], to: 'allocated' },
    { event: 'ContractAwarded', from: ['allocated'], to: 'active' },
    ...closing.events,
    ...CONTRACT_EVENTS,
  ],
  deadlines: CONTRACT_DEADLINES,
  settings: DEFAULT_SETTINGS,
};
