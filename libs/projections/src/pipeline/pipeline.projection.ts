import {
  type BusinessDate,
  businessDateOf,
  type CaseProfile,
  caseDecider,
  type CaseState,
  type MechanismCode,
  resolveWorkflow,
  stageOf,
  isProfileChange,
  STAGE_EVENT_TYPES,
  upcastCase,
  type WorkflowDefinition,
  type WorkflowRef,
} from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { Projection } from '../projection';

export interface StageVisit {
  readonly stage: string;
  readonly since: BusinessDate;
  readonly position: number;
  readonly event: string;
}

/** One case on its way through its mechanism's workflow (key: the case id). */
export interface PipelineDoc {
  readonly caseId: string;
  readonly financialYear: string;
  readonly mechanism: MechanismCode | null;
  readonly title: string;
  readonly locality: string | null;
  /** The whole workflow the case opened under (older documents: its reference), so evolve needs no lookup. */
  readonly workflow: WorkflowDefinition | WorkflowRef;
  readonly stage: string;
  readonly stageLabel: string;
  readonly phase: 'pre-award' | 'contract' | 'ended';
  /** Business date (Europe/London) of the event that moved the case into its stage. */
  readonly stageSince: BusinessDate;
  readonly openedOn: BusinessDate;
  readonly history: readonly StageVisit[];
  /** What the domain's evolve needs to move the stage; the rest of the case state is not kept. */
  readonly profile: CaseProfile;
  readonly position: number;
}

/** Every event a workflow document may move a case on: the only ones the stage can depend on. */
const STAGE_EVENTS: ReadonlySet<string> = new Set(STAGE_EVENT_TYPES);
const CASE_STREAM = /^case-(.+)$/;

const businessDateOfEvent = (event: StoredEvent): BusinessDate => businessDateOf(new Date(event.metadata.occurredAt));

/** The domain state evolve starts from: what the case needs to find its next stage, nothing more. */
function stateOf(doc: PipelineDoc | undefined): CaseState {
  if (!doc) return caseDecider.initialState;
  return { status: 'open', profile: doc.profile, workflow: resolveWorkflow(doc.workflow), stage: doc.stage, openedOn: doc.openedOn, reports: [] };
}

/**
 * Cases by stage, the stage moved by the domain's own evolve on the workflow version the
 * case opened under, with the business date each stage began.
 */
export const pipelineProjection: Projection<PipelineDoc> = {
  name: 'pipeline',
  version: 1,
  keysOf(event) {
    const caseId = CASE_STREAM.exec(event.streamId)?.[1];
    return caseId && (STAGE_EVENTS.has(event.type) || isProfileChange(event)) ? [caseId] : [];
  },
  evolve(doc, event) {
    const e = upcastCase(event);
    const opening = e.data as { profile?: CaseProfile };
    if (!doc && !opening.profile) return undefined; // history older than its opening: nothing to place
    const after = caseDecider.evolve(stateOf(doc), e);
    if (after.status !== 'open') return doc;
    const on = businessDateOfEvent(event);
    const moved = !doc || doc.stage !== after.stage;
    const definition = stageOf(after.workflow, after.stage);
    return {
      caseId: after.profile.caseId,
      financialYear: after.profile.financialYear,
      mechanism: after.profile.mechanism,
      title: after.profile.title,
      locality: after.profile.locality,
      workflow: after.workflow,
      stage: after.stage,
      stageLabel: definition?.label ?? after.stage,
      phase: definition?.phase ?? 'pre-award',
      stageSince: moved ? on : (doc?.stageSince ?? on),
      openedOn: after.openedOn,
      history: moved ? [...(doc?.history ?? []), { stage: after.stage, since: on, position: event.globalPosition, event: event.type }] : (doc?.history ?? []),
      profile: after.profile,
      position: event.globalPosition,
    };
  },
};
