import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/sql/database.js';

describe('several processes opening one SQLite file at once', () => {
  it('all finish migrating, whichever applies the migrations', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kefu-shared-sqlite-')), 'kefu.sqlite');
    // Four connections start migrating the same new file in the same tick (as four workers would).
    const dbs = [1, 2, 3, 4].map(() => openDatabase({ sqliteFile: file }));
    try {
      const applied = await Promise.all(dbs.map((d) => d.ready));
      // Every migration was applied exactly once, by one of them.
      const all = applied.flat();
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBeGreaterThan(0);
    } finally {
      await Promise.all(dbs.map((d) => d.close()));
    }
  });
});
