import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { sortedSha1 } from '../webhookSecurity.js';

const BLOCK = 32; // WeChat pads to 32-byte blocks (PKCS#7 with k = 32), not AES's 16

/** Why a safe-mode payload was refused. */
export class WechatCryptoError extends Error {}

function pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

function unpad(data: Buffer): Buffer {
  const n = data[data.length - 1] ?? 0;
  if (n < 1 || n > BLOCK || n > data.length) throw new WechatCryptoError('bad padding');
  for (let i = data.length - n; i < data.length; i++)
    if (data[i] !== n) throw new WechatCryptoError('bad padding');
  return data.subarray(0, data.length - n);
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

  /** Decrypts and checks the appId; throws WechatCryptoError on anything malformed. */
  decrypt(encrypted: string): string {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) throw new WechatCryptoError('ciphertext is not base64');
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % 16 !== 0)
      throw new WechatCryptoError('ciphertext length is not a multiple of the block size');
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
      plain = unpad(Buffer.concat([decipher.update(data), decipher.final()]));
    } catch (err) {
      throw err instanceof WechatCryptoError ? err : new WechatCryptoError('cannot decrypt');
    }
    if (plain.length < 20) throw new WechatCryptoError('plaintext too short');
    const length = plain.readUInt32BE(16);
    if (20 + length > plain.length) throw new WechatCryptoError('bad message length');
    const appId = plain.subarray(20 + length).toString('utf8');
    if (appId !== this.appId) throw new WechatCryptoError('appid mismatch');
    return plain.subarray(20, 20 + length).toString('utf8');
  }
}
