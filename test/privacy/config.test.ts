import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('configuration of records, retention and admins', () => {
  it('defaults: SQLite in ./data, 365-day retention, upload quotas, no admins', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ dataDir: 'data', databaseUrl: undefined, retentionDays: 365 });
    expect(config.uploadQuotas).toEqual({ perOwnerBytes: 20 * 1024 * 1024, totalBytes: 2048 * 1024 * 1024 });
    expect(config.adminAgents.size).toBe(0);
  });

  it('reads the admin role from AGENT_TOKENS and refuses unknown roles', () => {
    const config = loadConfig({
      AGENT_TOKENS: 'wang:token-wang-0123456789,boss:token-boss-0123456789:admin',
    });
    expect([...config.agentTokens.values()]).toEqual(['wang', 'boss']);
    expect([...config.adminAgents]).toEqual(['boss']);
    expect(() => loadConfig({ AGENT_TOKENS: 'boss:token-boss-0123456789:root' })).toThrow(
      /invalid AGENT_TOKENS/,
    );
  });

  it('stops on a bad DATABASE_URL or RETENTION_DAYS, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^invalid DATABASE_URL: /);
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(/^invalid RETENTION_DAYS: /);
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@db:5432/kefu' }).databaseUrl).toBe(
      'postgresql://u@db:5432/kefu',
    );
  });
});
