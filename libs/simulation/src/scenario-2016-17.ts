import type { CaseCommand, Measure } from '@app/domain';

/** One business action of the worked example, on its date, by someone in a role. */
export interface ScriptedAction {
  readonly on: string;
  /** A locality slug (its PLF case) or an Appendix line ref (B05) — resolved against the imported framework. */
  readonly target: { readonly locality: string } | { readonly ref: string };
  readonly actor: { readonly id: string; readonly role: 'opcc-staff' | 'csp'; readonly locality?: string };
  readonly command: CaseCommand;
  readonly note: string;
}

const csp = (locality: string) => ({ id: `csp.${locality}`, role: 'csp' as const, locality });
const officer = { id: 'commissioning.officer', role: 'opcc-staff' as const };
const asb = (target: number): Measure => ({ id: 'asb-incidents', name: 'Recorded ASB incidents', unit: 'incidents', target, frequency: 'quarterly', direction: 'lower-is-better' });

/** A CSP's plan within its allocation, then the meeting and the agreement. */
function plfPath(locality: string, allocation: number, dates: { submit: string; schedule: string; meeting: string; award: string }): ScriptedAction[] {
  const lines = [
    { id: 'partnership-analyst', description: 'Community safety partnership analyst (part)', pence: Math.round(allocation * 0.4) },
    { id: 'asb-casework', description: 'ASB case work and victim support', pence: Math.round(allocation * 0.35) },
    { id: 'diversion', description: 'Diversionary activities in hotspot areas', pence: allocation - Math.round(allocation * 0.4) - Math.round(allocation * 0.35) },
  ];
  // Roughly one recorded incident a quarter for every £250 of allocation.
  const measures = [asb(Math.round(allocation / 100 / 250))];
  const quarter = (on: string, period: string, share: number): ScriptedAction => ({
    on,
    target: { locality },
    actor: csp(locality),
    note: `${period} return`,
    command: { type: 'ReportPerformance', on, measureId: 'asb-incidents', period, actual: Math.round(measures[0].target * share), commentary: 'Quarterly return' },
  });
  return [
    { on: dates.submit, target: { locality }, actor: csp(locality), note: 'CSP submits its plan', command: { type: 'SubmitCspPlan', on: dates.submit, budgetLines: lines, performanceFramework: measures } },
    { on: dates.schedule, target: { locality }, actor: officer, note: 'meeting arranged', command: { type: 'ScheduleCspMeeting', on: dates.schedule, meetingOn: dates.meeting } },
    { on: dates.meeting, target: { locality }, actor: officer, note: 'meeting held', command: { type: 'HoldCspMeeting', on: dates.meeting, notes: 'Plan discussed; no issues outstanding' } },
    {
      on: dates.award,
      target: { locality },
      actor: officer,
      note: 'PLF agreement awarded',
      command: {
        type: 'AwardContract',
        on: dates.award,
        contract: { kind: 'agreement', provider: `${locality} Community Safety Partnership`, valuePence: allocation, outcomes: ['Reduced ASB in hotspot areas'], qualityStandards: ['Quarterly returns to the OPCC'], measures, underAchievementClause: 'Two consecutive red quarters lead to a remedial plan agreed with the OPCC', startDate: '2016-04-01', endDate: '2017-03-31' },
      },
    },
    quarter('2016-07-08', '2016-Q1', 0.97),
    quarter('2016-10-07', '2016-Q2', 1.04),
    quarter('2017-01-09', '2016-Q3', 0.92),
  ];
}

const mentoring: Measure = { id: 'young-people-mentored', name: 'Young people completing mentoring', unit: 'people', target: 60, frequency: 'quarterly', direction: 'higher-is-better' };
const contact: Measure = { id: 'victims-contacted-48h', name: 'Victims contacted within 48 hours', unit: '%', target: 90, frequency: 'quarterly', direction: 'higher-is-better' };
const report = (ref: string, measureId: string, on: string, period: string, actual: number, commentary: string): ScriptedAction => ({
  on,
  target: { ref },
  actor: officer,
  note: `${period} performance`,
  command: { type: 'ReportPerformance', on, measureId, period, actual, commentary },
});

/**
 * The 2016/17 year as it might have run: eight CSPs hold their meetings by 29 Feb 2016,
 * Melton does not (the deadline is missed and escalated, then extended and met), and of
 * the monitored contracts Youth Mentoring goes red twice into under-achievement.
 */
export const SCENARIO_2016_17: readonly ScriptedAction[] = [
  ...plfPath('leicester-city', 21_510_000, { submit: '2015-11-18', schedule: '2015-11-25', meeting: '2015-12-09', award: '2016-03-14' }),
  ...plfPath('charnwood', 6_795_000, { submit: '2015-12-02', schedule: '2015-12-07', meeting: '2016-01-13', award: '2016-03-14' }),
  ...plfPath('hinckley-and-bosworth', 3_600_000, { submit: '2015-12-16', schedule: '2016-01-04', meeting: '2016-01-27', award: '2016-03-15' }),
  ...plfPath('north-west-leicestershire', 3_195_000, { submit: '2016-01-06', schedule: '2016-01-11', meeting: '2016-02-03', award: '2016-03-15' }),
  ...plfPath('blaby', 2_970_000, { submit: '2016-01-12', schedule: '2016-01-18', meeting: '2016-02-10', award: '2016-03-16' }),
  ...plfPath('harborough', 2_385_000, { submit: '2016-01-20', schedule: '2016-01-25', meeting: '2016-02-17', award: '2016-03-16' }),
  ...plfPath('oadby-and-wigston', 1_980_000, { submit: '2016-02-01', schedule: '2016-02-03', meeting: '2016-02-24', award: '2016-03-17' }),
  ...plfPath('rutland', 990_000, { submit: '2016-02-05', schedule: '2016-02-08', meeting: '2016-02-26', award: '2016-03-17' }),
  // Melton submits late and cannot meet by 29 February: the deadline is missed, then extended.
  { on: '2016-02-22', target: { locality: 'melton' }, actor: csp('melton'), note: 'late plan', command: { type: 'SubmitCspPlan', on: '2016-02-22', budgetLines: [{ id: 'asb-casework', description: 'ASB case work', pence: 1_575_000 }], performanceFramework: [asb(63)] } },
  { on: '2016-03-02', target: { locality: 'melton' }, actor: officer, note: 'extension recorded', command: { type: 'ExtendMeetingDeadline', on: '2016-03-02', newDeadline: '2016-03-18', reason: 'Plan received late; CSP board met on 15 March' } },
  { on: '2016-03-03', target: { locality: 'melton' }, actor: officer, note: 'meeting arranged', command: { type: 'ScheduleCspMeeting', on: '2016-03-03', meetingOn: '2016-03-16' } },
  { on: '2016-03-16', target: { locality: 'melton' }, actor: officer, note: 'meeting held', command: { type: 'HoldCspMeeting', on: '2016-03-16', notes: 'Held under the recorded extension' } },
  {
    on: '2016-03-24',
    target: { locality: 'melton' },
    actor: officer,
    note: 'PLF agreement awarded',
    command: { type: 'AwardContract', on: '2016-03-24', contract: { kind: 'agreement', provider: 'Melton Community Safety Partnership', valuePence: 1_575_000, outcomes: ['Reduced ASB'], qualityStandards: ['Quarterly returns'], measures: [asb(63)], underAchievementClause: 'Two consecutive red quarters lead to a remedial plan', startDate: '2016-04-01', endDate: '2017-03-31' } },
  },
  ...(['2016-07-11', '2016-10-10', '2017-01-10'] as const).map((on, i): ScriptedAction => ({
    on,
    target: { locality: 'melton' },
    actor: csp('melton'),
    note: `2016-Q${i + 1} return`,
    command: { type: 'ReportPerformance', on, measureId: 'asb-incidents', period: `2016-Q${i + 1}`, actual: 60 + i, commentary: 'Quarterly return' },
  })),
  // Monitoring of existing commitments (Appendix B): measures agreed, then quarterly reports.
  { on: '2016-04-05', target: { ref: 'B05' }, actor: officer, note: 'measures agreed', command: { type: 'AgreePerformanceMeasures', on: '2016-04-05', measures: [mentoring] } },
  { on: '2016-04-05', target: { ref: 'B22' }, actor: officer, note: 'measures agreed', command: { type: 'AgreePerformanceMeasures', on: '2016-04-05', measures: [contact] } },
  report('B05', 'young-people-mentored', '2016-07-12', '2016-Q1', 41, 'Referrals slow to start'),
  report('B22', 'victims-contacted-48h', '2016-07-12', '2016-Q1', 93, 'On target'),
  report('B05', 'young-people-mentored', '2016-10-11', '2016-Q2', 44, 'Two mentors left'),
  report('B22', 'victims-contacted-48h', '2016-10-11', '2016-Q2', 88, 'Summer peak'),
  { on: '2016-10-20', target: { ref: 'B05' }, actor: officer, note: 'remedial action', command: { type: 'AgreeRemedialAction', on: '2016-10-20', action: 'Recruit two mentors; weekly referral meeting with YOS', reviewBy: '2017-01-31' } },
  report('B05', 'young-people-mentored', '2017-01-10', '2016-Q3', 58, 'Recovering'),
  report('B22', 'victims-contacted-48h', '2017-01-10', '2016-Q3', 94, 'On target'),
];
