import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@app/config';

/** How tokens are checked: a shared HS256 secret, or an identity provider's published keys. */
export type TokenKeys =
  | { readonly kind: 'secret'; readonly secret: Uint8Array; readonly source: string }
  | { readonly kind: 'jwks'; readonly url: URL };

export const SECRET_FILE = 'jwt-secret';

/**
 * The keys the configuration names, and a line saying which (for the log). With neither
 * JWKS_URL nor JWT_SECRET, a secret is made once and kept in DATA_DIR/jwt-secret, so the
 * API and the CLI on the same machine agree with no set-up at all.
 */
export function tokenKeysFrom(config: AppConfig): { keys: TokenKeys; note: string } {
  const checks = [config.JWT_ISSUER && `issuer ${config.JWT_ISSUER}`, config.JWT_AUDIENCE && `audience ${config.JWT_AUDIENCE}`].filter(Boolean);
  const checked = checks.length ? `, checking ${checks.join(' and ')}` : '';
  if (config.JWKS_URL) {
    return { keys: { kind: 'jwks', url: new URL(config.JWKS_URL) }, note: `Bearer tokens: asymmetric, from the identity provider's keys at ${config.JWKS_URL}${checked}` };
  }
  if (config.JWT_SECRET) {
    return { keys: { kind: 'secret', secret: Buffer.from(config.JWT_SECRET, 'utf8'), source: 'JWT_SECRET' }, note: `Bearer tokens: HS256 with JWT_SECRET${checked}` };
  }
  const { secret, path, created, exposed } = secretFile(config.DATA_DIR);
  const note =
    `Bearer tokens: HS256 with the secret ${created ? 'just generated in' : 'kept in'} ${path} (JWT_SECRET is not set; ` +
    `\`npm run cli -- token\` signs with the same file)${exposed ? `; WARNING: others can read ${path}: chmod 600 it` : ''}${checked}`;
  return { keys: { kind: 'secret', secret: Buffer.from(secret, 'utf8'), source: path }, note };
}

function secretFile(dataDir: string): { secret: string; path: string; created: boolean; exposed: boolean } {
  const path = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  const created = createOnce(path);
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${path} does not hold a secret of at least 32 characters: delete it to have a new one made`);
  return { secret, path, created, exposed: (statSync(path).mode & 0o077) !== 0 };
}

/**
 * Writes a fresh secret beside the target and links it into place: link() fails if the
 * file exists, so an API and a CLI starting together never see a half-written secret
 * and never end up with two.
 */
function createOnce(path: string): boolean {
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600 });
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}
