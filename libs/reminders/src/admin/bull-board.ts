import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';

export const BOARD_PATH = '/admin/queues';

/**
 * Bull Board over the reminder queues: waiting, delayed, completed and failed jobs, with
 * each failure's reason and attempts. Retrying or removing a job from here is safe: a job
 * only names a moment, and the log decides what it does.
 */
export function bullBoardRouter(queues: readonly Queue[], basePath = BOARD_PATH): unknown {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(basePath);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    // @bull-board/express pins its own copy of @bull-board/api (9.10.1, ours is 9.10.2): the
    // same shape at run time, two declarations to TypeScript.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'Commissioning Ledger reminders' } },
  });
  return serverAdapter.getRouter();
}
