import { mechanismKey, type PipelineItem } from '@app/projections/pipeline';

export interface BoardStage {
  readonly stage: string;
  readonly label: string;
  readonly phase: string;
  readonly order: number;
  readonly cases: PipelineItem[];
}

export interface BoardColumn {
  readonly mechanism: string;
  readonly name: string;
  readonly count: number;
  readonly stages: BoardStage[];
}

const PHASES = ['pre-award', 'contract', 'ended'];

/**
 * Cases by mechanism, then by stage in the order its workflow gives (phase first, so two
 * workflow versions of one mechanism still line up); labels and phases come from the workflow.
 */
export function pipelineBoard(items: readonly PipelineItem[], names: Readonly<Record<string, string>>): BoardColumn[] {
  const columns = new Map<string, Map<string, BoardStage>>();
  for (const item of items) {
    const mechanism = mechanismKey(item.mechanism);
    const stages = columns.get(mechanism) ?? columns.set(mechanism, new Map()).get(mechanism)!;
    const key = `${item.workflow.id}:${item.stage}`;
    const stage = stages.get(key) ?? stages.set(key, { stage: item.stage, label: item.stageLabel, phase: item.phase, order: item.stageOrder, cases: [] }).get(key)!;
    stage.cases.push(item);
  }
  return [...columns]
    .map(([mechanism, stages]) => ({
      mechanism,
      name: names[mechanism] ?? mechanism,
      count: [...stages.values()].reduce((sum, s) => sum + s.cases.length, 0),
      stages: [...stages.values()].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase) || a.order - b.order || a.label.localeCompare(b.label)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
