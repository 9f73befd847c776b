/**
 * The small vocabularies the framework, case and workflow types all speak. They live here,
 * depending on nothing, so those modules can share them without importing each other.
 */
export type MechanismCode = 'direct' | 'co-commissioning' | 'plf' | 'pcc-grant';

/** The key a framework names a workflow version under: a mechanism, or Appendix C's allocations. */
export type WorkflowSlot = MechanismCode | 'additional-allocation';

export type Frequency = 'monthly' | 'quarterly' | 'six-monthly' | 'annual';

export type OpeningCommandType =
  | 'ImportExistingCommitment'
  | 'ImportAdditionalAllocation'
  | 'RaiseProposal'
  | 'RequestCspPlan'
  | 'ReceiveGrantApplication';

export type DeadlineKind = 'plf-meeting' | 'performance-report' | 'contract-end' | 'payment-instalment';

/** Which workflow version: what a framework names and a case records. */
export interface WorkflowRef {
  readonly id: string;
  readonly version: number;
}
