import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';

/**
 * A personal field as the log keeps it: `pd1.<subject id>.<iv>.<ciphertext and tag>`
 * (base64url), AES-256-GCM under the subject's key. It stays a string, so every event keeps
 * its shape, and the event hash covers the ciphertext.
 *
 * The IV is synthetic (an HMAC of the plaintext under the subject's key), so sealing the
 * same value twice gives the same text: a retried append stores identical events and a
 * replay is deterministic. Two different values never share an IV; only equal values of one
 * subject are seen to be equal.
 */
const PREFIX = 'pd1';
const SEALED = /^pd1\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

export const ERASED = '[erased]';

export function sealValue(subjectId: string, key: Buffer, plaintext: string): string {
  const iv = createHmac('sha256', key).update('iv|').update(plaintext, 'utf8').digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(subjectId, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}.${subjectId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** The subject id of a sealed value, or undefined when the text is not one. */
export function sealedSubject(text: string): string | undefined {
  return SEALED.exec(text)?.[1];
}

export function openValue(text: string, key: Buffer): string {
  const match = SEALED.exec(text);
  if (!match) throw new Error('not a sealed personal value');
  const [, subjectId, iv, body] = match;
  const bytes = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(subjectId, 'utf8'));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString('utf8');
}
