import { randomUUID } from 'node:crypto';
import type { CaseService } from '@app/commissioning';
import type { CaseCommand } from '@app/domain';
import type { CommandContext } from '@app/platform';

export const officer = (on: string): CommandContext => ({
  actor: { id: 'officer.one', role: 'opcc-staff' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: `${on}T10:00:00+00:00`,
});

/** Blaby's PLF case from plan to two quarterly reports, the second red: enough for every read model to change. */
export async function runBlabyJourney(cases: CaseService, caseId: string): Promise<void> {
  const asb = { id: 'asb-incidents', name: 'ASB incidents', unit: 'incidents', target: 120, frequency: 'quarterly' as const, direction: 'lower-is-better' as const };
  const steps: CaseCommand[] = [
    { type: 'SubmitCspPlan', on: '2016-01-12', budgetLines: [{ id: 'pastors', description: 'Street pastors', pence: 1_500_000 }, { id: 'cctv', description: 'Mobile CCTV', pence: 850_000 }, { id: 'youth', description: 'Youth outreach', pence: 620_000 }], performanceFramework: [asb] },
    { type: 'ScheduleCspMeeting', on: '2016-01-20', meetingOn: '2016-02-20' },
    { type: 'HoldCspMeeting', on: '2016-02-20', notes: 'Plan agreed' },
    { type: 'ExcludeDuplicatePlanLines', on: '2016-02-22', lineIds: ['cctv'], reason: 'Duplicates the district council CCTV contract' },
    { type: 'AwardContract', on: '2016-03-10', contract: { kind: 'agreement', provider: 'Blaby District Council', valuePence: 2_120_000, outcomes: ['Fewer ASB incidents'], qualityStandards: ['Quarterly returns'], measures: [asb], underAchievementClause: 'Two red quarters trigger a remedial plan', startDate: '2016-04-01', endDate: '2017-03-31' } },
    { type: 'ReportPerformance', on: '2016-07-08', measureId: 'asb-incidents', period: '2016-Q1', actual: 131, commentary: 'Summer rise' },
    { type: 'ReportPerformance', on: '2016-10-07', measureId: 'asb-incidents', period: '2016-Q2', actual: 140, commentary: 'Still high' },
  ];
  for (const command of steps) await cases.execute(caseId, command, officer(command.on));
}
