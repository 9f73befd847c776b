import type { Response } from 'express';
import type { CommandOutcome } from '@app/platform';

export interface CommandResult {
  streamId: string;
  revision: number;
  replayed: boolean;
  events: Array<{ type: string; revision: number; globalPosition: number }>;
}

/** Sets ETag (the stream's revision) and marks an idempotent replay; returns the body. */
export function respond<State>(response: Response, outcome: CommandOutcome<State>, extra: Record<string, unknown> = {}): CommandResult & Record<string, unknown> {
  response.setHeader('ETag', `"${outcome.revision}"`);
  if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
  return {
    ...extra,
    streamId: outcome.streamId,
    revision: outcome.revision,
    replayed: outcome.replayed,
    events: outcome.events.map((e) => ({ type: e.type, revision: e.revision, globalPosition: e.globalPosition })),
  };
}
