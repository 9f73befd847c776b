import { createHash } from 'node:crypto';
import type { SqlDatabase } from '@app/database';

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface BlobCheck {
  readonly sha256: string;
  readonly present: boolean;
  /** The SHA-256 of the bytes now stored, when present. */
  readonly actual?: string;
}

/**
 * Content-addressed storage of document bytes in PostgreSQL or PGlite (document_blobs):
 * the same SQL on both drivers, one backup with the log, nothing beside the database to
 * keep in step. The same bytes attached twice are stored once.
 */
export class DocumentBlobs {
  constructor(private readonly db: SqlDatabase) {}

  async put(bytes: Buffer, mediaType: string): Promise<string> {
    const sha256 = sha256Of(bytes);
    await this.db.query(
      'insert into document_blobs (sha256, size_bytes, media_type, content) values ($1, $2, $3, $4) on conflict (sha256) do nothing',
      [sha256, bytes.length, mediaType, bytes],
    );
    return sha256;
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    const { rows } = await this.db.query<{ content: Uint8Array }>('select content from document_blobs where sha256 = $1', [sha256]);
    return rows[0] ? Buffer.from(rows[0].content) : undefined;
  }

  /** Recomputes the hash of each stored document in the database, without moving its bytes. */
  async check(hashes: readonly string[]): Promise<Map<string, BlobCheck>> {
    const wanted = [...new Set(hashes)];
    const { rows } = wanted.length
      ? await this.db.query<{ sha256: string; actual: string }>(
          "select sha256, encode(sha256(content), 'hex') as actual from document_blobs where sha256 = any($1::text[])",
          [wanted],
        )
      : { rows: [] };
    const found = new Map(rows.map((row) => [row.sha256, row.actual]));
    return new Map(wanted.map((sha256) => [sha256, { sha256, present: found.has(sha256), actual: found.get(sha256) }]));
  }
}
