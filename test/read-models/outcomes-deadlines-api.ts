import { ManualClock } from '@app/platform';
import { startApi, type TestApi } from '@test/support/api-app';

/** London time on a business date, in BST (the 2016/17 dates these specs use fall in summer or are given with their offset). */
export const at = (date: string, time = '10:00:00+01:00'): Date => new Date(`${date}T${time}`);

/**
 * The real API module as test/support/api-app.ts starts it, with a clock the spec moves:
 * overdue reports and days until due are worked out against the Clock's today.
 */
export const startApiAt = (clock: ManualClock, env: Record<string, string | undefined> = {}): Promise<TestApi> => startApi(env, { clock });

export { ManualClock };
