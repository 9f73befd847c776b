import { randomBytes, randomUUID } from 'node:crypto';
import type { SqlDatabase, SqlQueryable } from '@app/database';

export interface SubjectKey {
  readonly subjectId: string;
  readonly key: Buffer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The key table (personal_data_keys), outside the log. Keys are read afresh every time,
 * never cached: once a key is destroyed by one process, no other may go on using it.
 */
export class SubjectKeys {
  constructor(private readonly db: SqlDatabase) {}

  /** The subject's key, made on first use. */
  async forRef(subjectRef: string): Promise<SubjectKey> {
    const found = await this.byRef(this.db, subjectRef);
    if (found) return found;
    await this.db.query(
      'insert into personal_data_keys (subject_id, subject_ref, data_key) values ($1, $2, $3) on conflict (subject_ref) do nothing',
      [randomUUID(), subjectRef, randomBytes(32)],
    );
    const made = await this.byRef(this.db, subjectRef);
    if (!made) throw new Error(`the key of ${subjectRef} could not be made`);
    return made;
  }

  /** Keys of the subjects asked for; an erased (or unknown) subject is absent. */
  async keysOf(subjectIds: readonly string[]): Promise<Map<string, Buffer>> {
    const ids = [...new Set(subjectIds)].filter((id) => UUID.test(id));
    if (ids.length === 0) return new Map();
    const { rows } = await this.db.query<{ subject_id: string; data_key: Uint8Array }>(
      'select subject_id, data_key from personal_data_keys where subject_id = any($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((row) => [row.subject_id, Buffer.from(row.data_key)]));
  }

  /** A subject id from its id or its reference (contact:jo@example.org, or just the email). */
  async resolve(idOrRef: string): Promise<string | undefined> {
    const text = idOrRef.trim();
    if (UUID.test(text.toLowerCase())) return text.toLowerCase();
    const ref = text.includes(':') ? text : `contact:${text.toLowerCase()}`;
    return (await this.byRef(this.db, ref))?.subjectId;
  }

  async isErased(subjectId: string): Promise<boolean> {
    const { rows } = await this.db.query('select 1 from personal_data_erasures where subject_id = $1', [subjectId]);
    return rows.length > 0;
  }

  /** Destroys the key and its reference, and notes which event recorded it. */
  async destroy(subjectId: string, eventId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('delete from personal_data_keys where subject_id = $1', [subjectId]);
      await tx.query('insert into personal_data_erasures (subject_id, event_id) values ($1, $2) on conflict (subject_id) do nothing', [subjectId, eventId]);
    });
  }

  private async byRef(db: SqlQueryable, subjectRef: string): Promise<SubjectKey | undefined> {
    const { rows } = await db.query<{ subject_id: string; data_key: Uint8Array }>(
      'select subject_id, data_key from personal_data_keys where subject_ref = $1',
      [subjectRef],
    );
    return rows[0] ? { subjectId: rows[0].subject_id, key: Buffer.from(rows[0].data_key) } : undefined;
  }
}
