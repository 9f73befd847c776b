import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The parts of an event its content hash covers. */
export interface HashedContent {
  readonly id: string;
  readonly streamId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: unknown;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The content hash from JSON already in canonical form: the same string canonicalJson
 * would build from the object (its keys are in sorted order here), without walking the
 * data a second time on the append path.
 */
export function contentHashOfCanonical(parts: {
  readonly id: string;
  readonly streamId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly dataJson: string;
  readonly metadataJson: string;
}): string {
  return sha256Hex(
    `{"data":${parts.dataJson},"id":${JSON.stringify(parts.id)},"metadata":${parts.metadataJson},` +
      `"schemaVersion":${parts.schemaVersion},"streamId":${JSON.stringify(parts.streamId)},"type":${JSON.stringify(parts.type)}}`,
  );
}

export function contentHash(content: HashedContent): string {
  return sha256Hex(
    canonicalJson({
      id: content.id,
      streamId: content.streamId,
      type: content.type,
      schemaVersion: content.schemaVersion,
      data: content.data,
      metadata: content.metadata,
    }),
  );
}

/**
 * A stream's chain link: covers the previous event's hash, this event's revision and
 * its content hash. The PostgreSQL append function computes the same expression:
 * sha256(coalesce(prev, '') || '|' || revision || '|' || content_hash).
 */
export function chainHash(previousHash: string | null, revision: number, content: string): string {
  return sha256Hex(`${previousHash ?? ''}|${revision}|${content}`);
}
