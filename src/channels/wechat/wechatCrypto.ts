import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { safeEqual, sortedSha1 } from '../webhookSecurity.js';

const BLOCK = 32; // WeChat pads to 32-byte blocks (PKCS#7 with k = 32), not AES's 16

/** Why a safe-mode payload was refused. */
export class WechatCryptoError extends Error {}

function pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

/**
 * The PKCS#7 pad length of `data`, or 0 when the padding is invalid. Looks at the same 32 bytes
 * whatever they hold, so the time taken says nothing about where the padding went wrong.
 */
function padLength(data: Buffer): number {
  const n = data[data.length - 1] ?? 0;
  let bad = n < 1 || n > BLOCK || n > data.length ? 1 : 0;
  for (let i = 1; i <= BLOCK; i++) {
    const byte = data[data.length - i] ?? n;
    bad |= (i <= n ? 1 : 0) & (byte !== n ? 1 : 0);
  }
  return bad ? 0 : n;
}

/** True when `encrypted` could be safe-mode ciphertext: base64 of whole AES blocks (no key needed). */
export function isCiphertext(encrypted: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) return false;
  const bytes = Buffer.byteLength(encrypted, 'base64');
  return bytes > 0 && bytes % 16 === 0;
}

/**
 * WeChat official-account "safe mode" message crypto: AES-256-CBC with key =
 * base64(EncodingAESKey + "="), IV = the key's first 16 bytes, PKCS#7 to 32-byte blocks;
 * plaintext = 16 random bytes + 4-byte big-endian byte length + message + appId.
 */
export class WechatCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(
    private readonly token: string,
    encodingAesKey: string,
    readonly appId: string,
  ) {
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (this.key.length !== 32) throw new WechatCryptoError('EncodingAESKey must decode to 32 bytes');
    this.iv = this.key.subarray(0, 16);
  }

  /** msg_signature: SHA-1 of the sorted token, timestamp, nonce and ciphertext. */
  signature(timestamp: string, nonce: string, encrypted: string): string {
    return sortedSha1([this.token, timestamp, nonce, encrypted]);
  }

  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    const plain = pad(Buffer.concat([random, length, body, Buffer.from(this.appId, 'utf8')]));
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  /**
   * Decrypts and checks the appId; throws WechatCryptoError on anything malformed. Once the
   * ciphertext is decrypted, every check (padding, length field, appId) runs whatever the others
   * found and one error is thrown at the end; its message (the first failed check) is for logs.
   */
  decrypt(encrypted: string): string {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) throw new WechatCryptoError('ciphertext is not base64');
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % 16 !== 0)
      throw new WechatCryptoError('ciphertext length is not a multiple of the block size');
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(data), decipher.final()]);
    const pad = padLength(padded);
    const plain = padded.subarray(0, padded.length - pad);
    const longEnough = plain.length >= 20;
    const length = longEnough ? plain.readUInt32BE(16) : 0;
    const lengthOk = longEnough && 20 + length <= plain.length;
    const end = lengthOk ? 20 + length : Math.min(20, plain.length);
    const appIdOk = safeEqual(plain.subarray(end).toString('utf8'), this.appId);
    const failure = !pad
      ? 'bad padding'
      : !longEnough
        ? 'plaintext too short'
        : !lengthOk
          ? 'bad message length'
          : !appIdOk
            ? 'appid mismatch'
            : undefined;
    if (failure) throw new WechatCryptoError(failure);
    return plain.subarray(20, end).toString('utf8');
  }
}
