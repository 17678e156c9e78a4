// Passphrase encryption of bundle content: the round trip, and every authenticated part of the header.
import { describe, expect, it } from 'vitest';
import { decryptContent, encryptContent } from '../../src/bundle/encrypt.js';
import type { Encryption } from '../../src/bundle/schema.js';

const HEADER = { kind: 'backend-quiz-bundle', format: 1, id: '0123456789abcdef', sealed: true };
const PLAINTEXT = JSON.stringify({ questions: [{ id: 'q', prompt: 'Which status code means Not Found?' }] });
const PASSPHRASE = 'correct horse battery staple';

const sealed = encryptContent(PLAINTEXT, PASSPHRASE, HEADER);

describe('bundle encryption', () => {
  it('decrypts with the passphrase, and the ciphertext does not hold the plaintext', () => {
    expect(decryptContent(HEADER, sealed.encryption, sealed.ciphertext, PASSPHRASE)).toBe(PLAINTEXT);
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('latin1')).not.toContain('Not Found');
  });

  it('uses a fresh salt and IV every time', () => {
    const again = encryptContent(PLAINTEXT, PASSPHRASE, HEADER);
    expect(again.encryption.salt).not.toBe(sealed.encryption.salt);
    expect(again.encryption.iv).not.toBe(sealed.encryption.iv);
    expect(again.ciphertext).not.toBe(sealed.ciphertext);
  });

  const flip = (b64: string) => {
    const bytes = Buffer.from(b64, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    return bytes.toString('base64');
  };
  it.each<{
    name: string;
    header?: Record<string, unknown>;
    encryption?: Partial<Encryption>;
    ciphertext?: string;
    passphrase?: string;
  }>([
    { name: 'a wrong passphrase', passphrase: 'correct horse battery stapler' },
    { name: 'an empty passphrase', passphrase: '' },
    { name: 'the bundle id changed', header: { ...HEADER, id: 'fedcba9876543210' } },
    { name: 'sealed turned off', header: { ...HEADER, sealed: false } },
    { name: 'a lower scrypt cost', encryption: { N: 2 ** 14 } },
    { name: 'another salt', encryption: { salt: flip(sealed.encryption.salt) } },
    { name: 'another IV', encryption: { iv: flip(sealed.encryption.iv) } },
    { name: 'another tag', encryption: { tag: flip(sealed.encryption.tag) } },
    { name: 'a changed ciphertext byte', ciphertext: flip(sealed.ciphertext) },
    { name: 'a truncated ciphertext', ciphertext: sealed.ciphertext.slice(0, 8) },
    { name: 'scrypt parameters too costly to try', encryption: { N: 2 ** 20, r: 32 } },
  ])('$name: nothing is decrypted', ({ header, encryption, ciphertext, passphrase }) => {
    expect(
      decryptContent(
        header ?? HEADER,
        { ...sealed.encryption, ...encryption },
        ciphertext ?? sealed.ciphertext,
        passphrase ?? PASSPHRASE,
      ),
    ).toBeNull();
  });
});
