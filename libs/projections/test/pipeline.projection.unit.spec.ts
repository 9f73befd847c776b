import { countByMechanismAndStage, type PipelineDoc, pipelineItem, pipelineProjection } from '@app/projections/pipeline';
import { given, stored } from './projection-spec';
import { caseEvent, seedImport } from './seed-events';

const BLABY = '2016-17-B51';
const MEASURE = { id: 'asb', name: 'ASB incidents', unit: 'incidents', target: 420, frequency: 'quarterly' as const, direction: 'lower-is-better' as const };

const submitted = caseEvent(
  BLABY,
  { type: 'CspPlanSubmitted', data: { on: '2016-01-12', budgetLines: [{ id: 'asb', description: 'ASB caseworker', pence: 2_970_000 }], totalPence: 2_970_000, performanceFramework: [MEASURE] } },
  '2016-01-12T11:00:00Z',
  1,
);
const extended = caseEvent(
  BLABY,
  { type: 'MeetingDeadlineExtended', data: { previousDeadline: '2016-02-29', newDeadline: '2016-03-15', reason: 'CSP board rescheduled', on: '2016-02-01' } },
  '2016-02-01T09:00:00Z',
  2,
);
// 23:30 UTC on 31 March 2016 is 00:30 on 1 April in London (BST began on 27 March).
const scheduled = caseEvent(BLABY, { type: 'CspMeetingScheduled', data: { meetingOn: '2016-04-05', on: '2016-04-01' } }, '2016-03-31T23:30:00Z', 3);

describe('pipeline projection', () => {
  it('puts every imported case at its workflow stage, since the business date of its opening', () => {
    const { docs } = given(pipelineProjection, seedImport());
    const all = [...docs.values()];
    expect(all).toHaveLength(57);
    const counts = countByMechanismAndStage(all.map((d) => ({ mechanism: d.mechanism, stage: d.stage, count: 1 })));
    expect(counts.plf).toEqual({ 'plan-requested': 9 });
    expect(counts.unassigned).toEqual({ allocated: 2 });
    expect(Object.keys(counts).sort()).toEqual(['co-commissioning', 'direct', 'pcc-grant', 'plf', 'unassigned']);
    expect(docs.get(BLABY)).toMatchObject({
      caseId: BLABY,
      financialYear: '2016-17',
      mechanism: 'plf',
      locality: 'blaby',
      workflow: { id: 'plf', version: 1 },
      stage: 'plan-requested',
      stageLabel: 'Plan requested from the CSP',
      phase: 'pre-award',
      stageSince: '2015-10-23',
      openedOn: '2015-10-23',
    });
  });

  it('moves the stage with the case and dates it in Europe/London; a same-stage event keeps the date', () => {
    const doc = given(pipelineProjection, [...seedImport(), submitted, extended, scheduled]).then(BLABY) as PipelineDoc;
    expect(doc).toMatchObject({ stage: 'meeting-scheduled', stageLabel: 'Meeting scheduled', stageSince: '2016-04-01', position: scheduled.globalPosition });
    expect(doc.history.map((h) => [h.stage, h.since, h.event])).toEqual([
      ['plan-requested', '2015-10-23', 'CspPlanRequested'],
      ['plan-submitted', '2016-01-12', 'CspPlanSubmitted'],
      ['meeting-scheduled', '2016-04-01', 'CspMeetingScheduled'],
    ]);
    const stayed = given(pipelineProjection, [...seedImport(), submitted, extended]).then(BLABY) as PipelineDoc;
    expect(stayed).toMatchObject({ stage: 'plan-submitted', stageSince: '2016-01-12', position: extended.globalPosition });
  });

  it('counts days in stage to the business date given', () => {
    const doc = given(pipelineProjection, [...seedImport(), submitted]).then(BLABY) as PipelineDoc;
    expect(pipelineItem(doc, '2016-02-29')).toMatchObject({ stage: 'plan-submitted', stageSince: '2016-01-12', stageSinceFormatted: '12 Jan 2016', daysInStage: 48 });
  });

  it('ignores framework events, events of unknown types and a case history with no opening', () => {
    expect(pipelineProjection.keysOf(stored('framework-2016-17', { type: 'FundsCommitted', data: {} }))).toEqual([]);
    expect(pipelineProjection.keysOf(stored('case-2016-17-B01', { type: 'SomethingElse', data: {} }))).toEqual([]);
    expect(given(pipelineProjection, [submitted]).then(BLABY)).toBeUndefined();
  });
});
