import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@app/platform';
import { eventually, httpAs, startApi } from '@test/support/api-app';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';
import { actingAs } from '@test/support/tokens';

const ROOT = join(__dirname, '..', '..');
const B05 = '2016-17-B05';
const OFFICER_TWO = actingAs('opcc-staff', undefined, { sub: 'officer.two' });

/** `npm run cli -- …`, run from the TypeScript sources as a real process, on the embedded store the API wrote. */
function cli(args: string[], dataDir: string) {
  const { DATABASE_URL: _, ...inherited } = process.env;
  const run = spawnSync(process.execPath, ['-r', join(ROOT, 'test', 'support', 'swc-register.js'), join(ROOT, 'apps', 'cli', 'src', 'main.ts'), ...args], {
    cwd: ROOT,
    env: { ...inherited, DATA_DIR: dataDir, RUN_REMINDERS: 'false' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Youth Mentoring (B05, £147,556.00) on its own schedule: £5,000.00 mobilisation and a £500.00
 * kick-off paid in May 2016 under four eyes, £142,056.00 for delivery still to come. The API
 * writes it to an embedded store; then the CLI, as a real process on that store, reads the
 * same actuals read model with the same queries: the same figures, to the penny.
 */
describe('npm run cli -- payments, spend and actuals', () => {
  let dataDir: string;
  const api: { schedule?: unknown; spend?: unknown; spendCsv?: string; actuals?: unknown } = {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-payments-'));
    const app = await startApi({ DATA_DIR: dataDir, POLL_INTERVAL_MS: '50' }, { clock: new ManualClock(new Date('2016-06-01T09:00:00Z')) });
    try {
      const http = (caller: Record<string, string> = OFFICER) => httpAs(app, caller)();
      await http(ADMIN).post('/frameworks/import').send(seed201617()).expect(201);
      const none = { kind: 'none' };
      const instalments = [
        { id: 'mobilisation', dueOn: '2016-05-01', pence: 500_000, condition: none },
        { id: 'kick-off', dueOn: '2016-05-01', pence: 50_000, condition: none },
        { id: 'delivery', dueOn: '2017-03-31', pence: 14_205_600, condition: none },
      ];
      await http().post(`/cases/${B05}/payments/schedule`).send({ instalments, on: '2016-05-02' }).expect(200);
      const paid = [
        ['mobilisation', 500_000, 'BACS-2016-05-0042'],
        ['kick-off', 50_000, 'BACS-2016-05-0043'],
      ] as const;
      for (const [instalmentId, pence, paymentRef] of paid) {
        await http().post(`/cases/${B05}/payments/claims`).send({ instalmentId, pence, evidenceRef: `Twenty-Twenty invoice for ${instalmentId}`, on: '2016-05-03' }).expect(200);
        await http(OFFICER_TWO).post(`/cases/${B05}/payments/claims/${instalmentId}-claim-1/approval`).send({ on: '2016-05-05' }).expect(200);
        await http(OFFICER_TWO).post(`/cases/${B05}/payments/claims/${instalmentId}-claim-1/payment`).send({ paymentRef, on: '2016-05-10' }).expect(200);
      }
      // What the API answers, once its read model has caught up: the CLI must say the same.
      api.schedule = await eventually(async () => {
        const { body } = await http().get(`/cases/${B05}/payments?on=2016-06-01`).expect(200);
        expect(body.totals.paidPence).toBe(550_000);
        return body;
      });
      api.spend = (await http().get('/frameworks/2016-17/spend').expect(200)).body;
      api.spendCsv = (await http().get('/frameworks/2016-17/spend.csv').expect(200)).text;
      api.actuals = (await http().get('/frameworks/2016-17/actuals?on=2016-06-01').expect(200)).body;
    } finally {
      await app.close();
    }
  }, 300_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("payments --case shows each instalment's due date, amount, condition, state, claims and paid, in UK money", () => {
    const run = cli(['payments', '--case', B05, '--on', '2016-06-01'], dataDir);
    expect({ status: run.status, stderr: run.stderr.slice(-500) }).toMatchObject({ status: 0 });
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('2016-17-B05 Youth Mentoring — Twenty-Twenty, £147,556.00; schedule set by staff, as on 1 Jun 2016');
    const row = (id: string) => lines.find((line) => line.startsWith(`${id} `))?.split(/\s{2,}/);
    expect(row('mobilisation')).toEqual(['mobilisation', '1 May 2016', '£5,000.00', 'when due', 'paid', '£5,000.00', 'mobilisation-claim-1 £5,000.00 paid (approved by officer.two) BACS-2016-05-0042']);
    expect(row('kick-off')).toEqual(['kick-off', '1 May 2016', '£500.00', 'when due', 'paid', '£500.00', 'kick-off-claim-1 £500.00 paid (approved by officer.two) BACS-2016-05-0043']);
    expect(row('delivery')).toEqual(['delivery', '31 Mar 2017', '£142,056.00', 'when due', 'scheduled', '£0.00', 'none']);
    expect(run.stdout).toContain('Scheduled £147,556.00; paid £5,500.00; approved, unpaid £0.00; withheld £0.00; remaining £142,056.00');

    const json = cli(['payments', '--case', B05, '--on', '2016-06-01', '--json'], dataDir);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(api.schedule);
  }, 240_000);

  it('spend lists the payments over £500 by month — the £500.00 kick-off is at the threshold, not over it — as the API does', () => {
    const run = cli(['spend', '--year', '2016-17'], dataDir);
    expect({ status: run.status, stderr: run.stderr.slice(-500) }).toMatchObject({ status: 0 });
    expect(run.stdout).toMatch(/^Payments over £500\.00 against 2016-17's commitments/);
    expect(run.stdout).toMatch(/2016-05\s+10 May 2016\s+B05\s+Youth Mentoring\s+Twenty-Twenty\s+BACS-2016-05-0042\s+£5,000\.00/);
    expect(run.stdout).toMatch(/2016-05 total\s+£5,000\.00/);
    expect(run.stdout).not.toContain('BACS-2016-05-0043');

    const out = join(dataDir, 'spend.csv');
    const csv = cli(['spend', '--year', '2016-17', '--from', '2016-04', '--to', '2016-06', '--out', out], dataDir);
    expect(csv.status).toBe(0);
    expect(csv.stdout).toBe(`Wrote 1 payment(s) over £500.00 in 1 month(s) of 2016-17 to ${out} (csv)\n`);
    expect(readFileSync(out, 'utf8')).toBe(api.spendCsv);
    expect(readFileSync(out, 'utf8').split('\r\n')[1]).toBe(
      '2016-05,2016-05-10,2016-17-B05,B05,Youth Mentoring,Twenty-Twenty,reducing-offending,mobilisation,mobilisation-claim-1,BACS-2016-05-0042,500000,"£5,000.00"',
    );

    const json = cli(['spend', '--year', '2016-17', '--format', 'json'], dataDir);
    expect(JSON.parse(json.stdout)).toEqual(api.spend);
    const later = cli(['spend', '--year', '2016-17', '--from', '2016-06', '--format', 'json'], dataDir);
    expect(JSON.parse(later.stdout)).toMatchObject({ thresholdPence: 50_000, months: [] });
  }, 240_000);

  it('actuals gives the API’s figures by theme, priority, mechanism, locality or provider', () => {
    const run = cli(['actuals', '--year', '2016-17', '--on', '2016-06-01', '--by', 'provider'], dataDir);
    expect({ status: run.status, stderr: run.stderr.slice(-500) }).toMatchObject({ status: 0 });
    expect(run.stdout).toMatch(/^Actual spend against 2016-17's commitments \(\d+ case\(s\) with a schedule\), on 1 Jun 2016, by provider:/);
    // Twenty-Twenty: scheduled, paid, approved-unpaid, withheld, due, forecast, remaining.
    expect(run.stdout.split('\n').find((line) => line.startsWith('Twenty-Twenty '))?.split(/\s{2,}/)).toEqual([
      'Twenty-Twenty', '£147,556.00', '£5,500.00', '£0.00', '£0.00', '£0.00', '£142,056.00', '£142,056.00',
    ]);
    const json = cli(['actuals', '--year', '2016-17', '--on', '2016-06-01', '--json'], dataDir);
    expect(JSON.parse(json.stdout)).toEqual(api.actuals);
  }, 240_000);

  it('refuses a bad option naming it, exit status 2, before reading anything', () => {
    const cases: Array<[string[], RegExp]> = [
      [['payments'], /^--case <caseId> is required/],
      [['spend', '--year', '2016'], /^--year must be a financial year written like 2016-17/],
      [['spend', '--year', '2016-17', '--from', '2016-09', '--to', '2016-05'], /^--from 2016-09 is after --to 2016-05/],
      [['actuals', '--year', '2016-17', '--by', 'colour'], /^--by must be one of: theme, priority, mechanism, locality, provider/],
    ];
    for (const [args, message] of cases) {
      const run = cli(args, dataDir);
      expect({ args, status: run.status, stderr: run.stderr.trim() }).toEqual({ args, status: 2, stderr: expect.stringMatching(message) });
    }
    const unknown = cli(['payments', '--case', '2016-17-B99'], dataDir);
    expect({ status: unknown.status, stderr: unknown.stderr.trim() }).toEqual({ status: 1, stderr: expect.stringContaining('No case 2016-17-B99') });
  }, 600_000);
});
