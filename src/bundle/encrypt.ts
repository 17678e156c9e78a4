// Passphrase encryption of a bundle's content: AES-256-GCM with a key from scrypt and a random salt.
// The header (everything but the ciphertext and the tag) is authenticated as additional data, so editing any
// of it, the scrypt parameters included, fails the same way a wrong passphrase does.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { canonicalJson } from '../core/result-file.js';
import type { Encryption } from './schema.js';

/** About 100 ms and 32 MiB on a laptop: cheap once, slow for guessing passphrases. */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;

type Header = Record<string, unknown> & { encryption?: unknown };

function deriveKey(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, {
    ...params,
    maxmem: 256 * params.N * params.r * params.p + 1024 * 1024,
  });
}

/** The authenticated header: every field except the ciphertext and the tag. */
function additionalData(header: Header, encryption: Omit<Encryption, 'tag'>): Buffer {
  const rest: Record<string, unknown> = { ...header, encryption };
  delete rest.ciphertext;
  return Buffer.from(canonicalJson(rest));
}

export function encryptContent(
  plaintext: string,
  passphrase: string,
  header: Header,
): { encryption: Encryption; ciphertext: string } {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const params = { cipher: 'aes-256-gcm', kdf: 'scrypt', ...SCRYPT_PARAMS } as const;
  const partial = { ...params, salt: salt.toString('base64'), iv: iv.toString('base64') };
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, salt, SCRYPT_PARAMS), iv);
  cipher.setAAD(additionalData(header, partial));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    encryption: { ...partial, tag: cipher.getAuthTag().toString('base64') },
    ciphertext: ciphertext.toString('base64'),
  };
}

/** The plaintext, or null when the passphrase is wrong or any authenticated byte was changed. */
export function decryptContent(
  header: Header,
  encryption: Encryption,
  ciphertext: string,
  passphrase: string,
): string | null {
  const { tag, ...partial } = encryption;
  // Parameters come from the file: bounded, so an edited header cannot make scrypt take gigabytes.
  if (encryption.N * encryption.r > 2 ** 18 || encryption.p > 4) return null;
  const iv = Buffer.from(encryption.iv, 'base64');
  const tagBytes = Buffer.from(tag, 'base64');
  if (iv.length !== 12 || tagBytes.length !== 16) return null;
  try {
    const key = deriveKey(passphrase, Buffer.from(encryption.salt, 'base64'), encryption);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
    decipher.setAAD(additionalData(header, partial));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return null;
  }
}
