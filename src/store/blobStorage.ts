import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where upload bytes live, by key. The filesystem implementation is the default; an
 * S3-compatible bucket can implement the same three methods.
 */
export interface BlobStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | undefined>;
  /** Removes the blob; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[\w-]{8,64}$/;

function checkKey(key: string): string {
  if (!SAFE_KEY.test(key)) throw new Error('bad blob key');
  return key;
}

/** Files under one folder (`DATA_DIR/uploads/`), written to a temporary name then renamed. */
export class FileBlobStorage implements BlobStorage {
  private ready: Promise<unknown> | undefined;

  constructor(readonly dir: string) {}

  async put(key: string, data: Buffer): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true });
    await this.ready;
    const path = join(this.dir, checkKey(key));
    await writeFile(`${path}.part`, data, { flag: 'wx' });
    await rename(`${path}.part`, path);
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(join(this.dir, checkKey(key)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(join(this.dir, checkKey(key)), { force: true });
  }
}

/** In-process blobs (the memory store used by tests and the terminal chat). */
export class MemoryBlobStorage implements BlobStorage {
  private readonly blobs = new Map<string, Buffer>();

  // eslint-disable-next-line @typescript-eslint/require-await
  async put(key: string, data: Buffer): Promise<void> {
    this.blobs.set(checkKey(key), Buffer.from(data));
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async get(key: string): Promise<Buffer | undefined> {
    return this.blobs.get(key);
  }

  // eslint-disable-next-line @typescript-eslint/require-await
  async delete(key: string): Promise<void> {
    this.blobs.delete(key);
  }
}
