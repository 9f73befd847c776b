import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppConfig } from '@app/config';
import type { Seal } from './seal';

/** What a seal's signature covers: everything that places it in the chain. */
export const signedText = (seal: Omit<Seal, 'sealedAt' | 'signature' | 'keyId'>): string =>
  `commissioning-ledger seal ${seal.sealNo} ${seal.fromPosition}-${seal.toPosition} ${seal.events} ${seal.previousSealHash ?? '-'} ${seal.sealHash}`;

/**
 * The Ed25519 key seals are signed with, kept outside the database: a PEM file (mode
 * 0600), made the first time it is needed. In production it is a file the database's
 * administrators cannot read (or a KMS); the public half is all `verify` needs.
 */
export class SealKey {
  readonly keyId: string;

  private constructor(
    private readonly privateKey: KeyObject | undefined,
    readonly publicKey: KeyObject,
  ) {
    this.keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
  }

  /** The key at `path`, generated there when `create` and it does not exist yet. */
  static load(path: string, create = true): SealKey | undefined {
    if (!existsSync(path)) {
      if (!create) return undefined;
      mkdirSync(dirname(path), { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      try {
        writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
      } catch (error) {
        // Another process made it first: use theirs.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    const pem = readFileSync(path, 'utf8');
    if (pem.includes('PUBLIC KEY')) return new SealKey(undefined, createPublicKey(pem));
    const privateKey = createPrivateKey(pem);
    return new SealKey(privateKey, createPublicKey(privateKey));
  }

  sign(seal: Omit<Seal, 'sealedAt' | 'signature' | 'keyId'>): string {
    if (!this.privateKey) throw new Error('This seal key is a public key: it verifies seals, it cannot sign them');
    return sign(null, Buffer.from(signedText(seal), 'utf8'), this.privateKey).toString('base64');
  }

  verifies(seal: Seal): boolean {
    if (!seal.signature) return false;
    return verify(null, Buffer.from(signedText(seal), 'utf8'), this.publicKey, Buffer.from(seal.signature, 'base64'));
  }
}

export const sealKeyFile = (config: AppConfig): string => config.SEAL_KEY_FILE ?? join(config.DATA_DIR, 'seal-key.pem');
export const sealAnchorFile = (config: AppConfig): string => config.SEAL_ANCHOR_FILE ?? join(config.DATA_DIR, 'seal-anchor.json');
