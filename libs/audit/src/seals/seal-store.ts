import type { SqlDatabase } from '@app/database';
import type { Seal } from './seal';
import type { SealKey } from './seal-key';

interface SealRow {
  seal_no: string | number;
  from_position: string | number;
  to_position: string | number;
  events: number;
  previous_seal_hash: string | null;
  seal_hash: string;
  sealed_at: string | Date;
  signature: string | null;
  key_id: string | null;
}

const toSeal = (row: SealRow): Seal => ({
  sealNo: Number(row.seal_no),
  fromPosition: Number(row.from_position),
  toPosition: Number(row.to_position),
  events: Number(row.events),
  previousSealHash: row.previous_seal_hash,
  sealHash: row.seal_hash,
  sealedAt: new Date(row.sealed_at).toISOString(),
  signature: row.signature,
  keyId: row.key_id,
});

const COLUMNS = 'seal_no, from_position, to_position, events, previous_seal_hash, seal_hash, sealed_at, signature, key_id';

/**
 * The log_seals table, the same SQL on PostgreSQL and PGlite, whichever store holds the
 * events. With a key, each seal appended is signed with it.
 */
export class SealStore {
  constructor(
    private readonly db: SqlDatabase,
    readonly key?: SealKey,
  ) {}

  async last(): Promise<Seal | undefined> {
    const { rows } = await this.db.query<SealRow>(`select ${COLUMNS} from log_seals order by seal_no desc limit 1`);
    return rows[0] ? toSeal(rows[0]) : undefined;
  }

  async all(): Promise<Seal[]> {
    const { rows } = await this.db.query<SealRow>(`select ${COLUMNS} from log_seals order by seal_no`);
    return rows.map(toSeal);
  }

  /**
   * Records the seal that follows `after`; false when another sealer got there first (the
   * last seal is no longer `after`), so two sealers never both extend the chain.
   */
  async append(seal: Omit<Seal, 'sealedAt'>, after: Seal | undefined, sealedAt: Date): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(hashtext('commissioning-ledger:log-seals'))`);
      const { rows } = await tx.query<{ seal_no: string | number | null }>('select max(seal_no) as seal_no from log_seals');
      if (Number(rows[0].seal_no ?? 0) !== (after?.sealNo ?? 0)) return false;
      const signature = this.key ? this.key.sign(seal) : null;
      await tx.query(
        `insert into log_seals (${COLUMNS}) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [seal.sealNo, seal.fromPosition, seal.toPosition, seal.events, seal.previousSealHash, seal.sealHash, sealedAt.toISOString(), signature, signature ? this.key?.keyId : null],
      );
      return true;
    });
  }
}
