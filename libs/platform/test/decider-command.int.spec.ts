import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, CqrsModule, type ICommandHandler } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { type Decider, DomainError } from '@app/domain';
import { EVENT_STORE, type EventStore, SqlEventStore, WrongExpectedRevision } from '@app/event-store';
import { type CommandContext, executeCommand } from '@app/platform';
import type { SqlDatabase } from '@app/database';
import { freshPglite } from '@test/support/databases';

// A small decider of its own, so the seam is specified apart from any one capability.
type TallyEvent = { type: 'PointAdded'; data: { points: number } };
type TallyCommand = { points: number; limit: number };
const tally: Decider<TallyCommand, TallyEvent, number> = {
  initialState: 0,
  evolve: (total, event) => total + event.data.points,
  decide: (command, total) => {
    if (total + command.points > command.limit) throw new DomainError('LIMIT_EXCEEDED', `would pass ${command.limit}`);
    return command.points === 0 ? [] : [{ type: 'PointAdded', data: { points: command.points } }];
  },
};

class AddPoints {
  constructor(
    readonly streamId: string,
    readonly command: TallyCommand,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AddPoints)
class AddPointsHandler implements ICommandHandler<AddPoints> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  execute({ streamId, command, context }: AddPoints) {
    return executeCommand(this.store, tally, streamId, command, context);
  }
}

const context = (extra: Partial<CommandContext> = {}): CommandContext => ({
  actor: { id: 'officer-1', role: 'opcc-staff' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: '2016-02-01T09:00:00+00:00',
  ...extra,
});

describe('command seam: CommandBus → load, fold, decide, append', () => {
  let db: SqlDatabase;
  let store: EventStore;
  let bus: CommandBus;

  beforeAll(async () => {
    db = await freshPglite();
    store = new SqlEventStore(db);
    const module = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [AddPointsHandler, { provide: EVENT_STORE, useValue: store }],
    }).compile();
    await module.init();
    bus = module.get(CommandBus);
  });
  afterAll(() => db.close());

  it('appends what decide returns, with actor, correlation and causation in the metadata', async () => {
    const id = `tally-${randomUUID()}`;
    const ctx = context();
    const outcome = await bus.execute(new AddPoints(id, { points: 3, limit: 10 }, ctx));
    expect(outcome).toMatchObject({ revision: 0, state: 3, replayed: false });
    const [event] = await store.readStream(id);
    expect(event).toMatchObject({ type: 'PointAdded', data: { points: 3 } });
    expect(event.metadata).toMatchObject({ actor: ctx.actor, correlationId: ctx.correlationId, causationId: ctx.causationId });
  });

  it('decides on the folded state of the whole stream', async () => {
    const id = `tally-${randomUUID()}`;
    await bus.execute(new AddPoints(id, { points: 6, limit: 10 }, context()));
    await expect(bus.execute(new AddPoints(id, { points: 5, limit: 10 }, context()))).rejects.toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
    expect(await store.readStream(id)).toHaveLength(1);
  });

  it('honours the revision the caller saw (If-Match) and appends nothing on a mismatch', async () => {
    const id = `tally-${randomUUID()}`;
    await bus.execute(new AddPoints(id, { points: 1, limit: 10 }, context()));
    await bus.execute(new AddPoints(id, { points: 1, limit: 10 }, context()));
    const error = await bus.execute(new AddPoints(id, { points: 1, limit: 10 }, context({ expectedRevision: 0 }))).catch((e) => e);
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect(error.actual).toBe(1);
    expect(await store.readStream(id)).toHaveLength(2);
  });

  it('a retried command with the same Idempotency-Key returns the first outcome and appends nothing', async () => {
    const id = `tally-${randomUUID()}`;
    const ctx = context({ idempotencyKey: 'key-1', requestFingerprint: 'body-a' });
    const first = await bus.execute(new AddPoints(id, { points: 4, limit: 5 }, ctx));
    // Deciding again would be refused (4 + 4 > 5): the retry must not decide again.
    const retry = await bus.execute(new AddPoints(id, { points: 4, limit: 5 }, ctx));
    expect(retry).toMatchObject({ replayed: true, revision: 0 });
    expect(retry.events.map((e: { id: string }) => e.id)).toEqual(first.events.map((e: { id: string }) => e.id));
    expect(await store.readStream(id)).toHaveLength(1);
    await expect(
      bus.execute(new AddPoints(id, { points: 1, limit: 5 }, { ...ctx, requestFingerprint: 'body-b' })),
    ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('two writers deciding on the same revision: one wins, the other gets WrongExpectedRevision', async () => {
    const id = `tally-${randomUUID()}`;
    await bus.execute(new AddPoints(id, { points: 1, limit: 100 }, context()));
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => bus.execute(new AddPoints(id, { points: 1, limit: 100 }, context()))),
    );
    const won = results.filter((r) => r.status === 'fulfilled').length;
    // PGlite serialises statements, so several may win in turn; none may be lost or doubled.
    expect(await store.readStream(id)).toHaveLength(1 + won);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(WrongExpectedRevision);
  });
});
