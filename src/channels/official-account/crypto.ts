/**
 * WeChat message signatures and safe-mode (安全模式) encryption, as WeChat's WXBizMsgCrypt sample
 * code does it: `signature` / `msg_signature` are the SHA-1 of the sorted strings; the body is
 * AES-256-CBC with key = base64(EncodingAESKey + "="), iv = the key's first 16 bytes, PKCS#7
 * padding to 32-byte blocks, plaintext = 16 random bytes + 4-byte big-endian length + XML + appId.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** SHA-1 (hex) of the given strings sorted and concatenated: WeChat's signature scheme. */
export function sha1Signature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Compare two signatures in constant time (a wrong length is simply unequal). */
export function sameSignature(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when `key` has the shape of an EncodingAESKey: 43 characters of base64 (letters and digits). */
export function isEncodingAesKey(key: string): boolean {
  return /^[A-Za-z0-9]{43}$/.test(key);
}

/** The 32-byte AES key behind a 43-character EncodingAESKey. */
export function aesKeyOf(encodingAesKey: string): Buffer {
  if (!isEncodingAesKey(encodingAesKey)) throw new Error('EncodingAESKey must be 43 letters or digits');
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

const BLOCK = 32;

/** Why a body could not be decrypted (never the body itself). */
export class DecryptError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'DecryptError';
  }
}

/** Encrypt `xml` for `appId` with one key; `random16` only for reproducing published test vectors. */
export function encryptWith(key: Buffer, xml: string, appId: string, random16: Buffer = randomBytes(16)): string {
  const body = Buffer.from(xml, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([random16, len, body, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** Decrypt one `Encrypt` value with one key; returns the XML and the appId it was sealed for. */
export function decryptWith(key: Buffer, encrypted: string): { xml: string; appId: string } {
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) throw new DecryptError('ciphertext length');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new DecryptError('cipher');
  }
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > BLOCK || pad > plain.length) throw new DecryptError('padding');
  for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) throw new DecryptError('padding');
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < 20) throw new DecryptError('too short');
  const len = content.readUInt32BE(16);
  if (20 + len > content.length) throw new DecryptError('length');
  return { xml: content.subarray(20, 20 + len).toString('utf8'), appId: content.subarray(20 + len).toString('utf8') };
}

/**
 * Safe-mode crypto for one account: the current EncodingAESKey, and the previous one accepted
 * after a rotation in the admin panel (pushes already sealed with it may still arrive).
 */
export class MsgCrypt {
  private readonly keys: Buffer[];

  constructor(
    private readonly token: string,
    readonly appId: string,
    encodingAesKey: string,
    previousKey?: string,
  ) {
    this.keys = [aesKeyOf(encodingAesKey), ...(previousKey ? [aesKeyOf(previousKey)] : [])];
  }

  /** `msg_signature` of an `Encrypt` value. */
  signature(timestamp: string, nonce: string, encrypted: string): string {
    return sha1Signature(this.token, timestamp, nonce, encrypted);
  }

  /**
   * Decrypt a pushed `Encrypt` value: the current key first, then the previous one. Returns the
   * XML and which key opened it (0 current, 1 previous); throws `DecryptError` otherwise, also
   * when the body was sealed for another appId.
   */
  decrypt(encrypted: string): { xml: string; keyIndex: number } {
    let last: Error = new DecryptError('no key');
    for (const [i, key] of this.keys.entries()) {
      try {
        const { xml, appId } = decryptWith(key, encrypted);
        if (appId !== this.appId) throw new DecryptError('appId');
        return { xml, keyIndex: i };
      } catch (e) {
        last = e as Error;
      }
    }
    throw last instanceof DecryptError ? last : new DecryptError('cipher');
  }

  /** Seal a reply; with the key that opened the message it answers (default: the current key). */
  encrypt(xml: string, keyIndex = 0, random16?: Buffer): string {
    return encryptWith(this.keys[keyIndex] ?? this.keys[0]!, xml, this.appId, random16);
  }
}
