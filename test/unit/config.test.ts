import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration', () => {
  it('has working defaults for local mode: no bot identity, embedded store, no OpenAI', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.port).toBe(3978);
    expect(c.bot).toBeUndefined();
    expect(c.cosmos).toBeUndefined();
    expect(c.openAi).toBeUndefined();
    expect(c.knowledgeDir).toBe('/srv/app/knowledge');
    expect(c.dataDir).toBe('/srv/app/data');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every malformed or missing setting', () => {
    const problems = (env: Record<string, string>): string => {
      try {
        loadConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      return '';
    };
    const malformed = problems({ PORT: 'abc', COSMOS_ENDPOINT: 'inte en url', LOG_LEVEL: 'pratig' });
    for (const name of ['PORT', 'COSMOS_ENDPOINT', 'LOG_LEVEL']) expect(malformed).toContain(name);
    const missing = problems({ BOT_ID: 'x', AZURE_OPENAI_ENDPOINT: 'https://oai.example' });
    for (const name of ['BOT_PASSWORD', 'AZURE_OPENAI_DEPLOYMENT']) expect(missing).toContain(name);
  });

  it('a managed identity needs no password but a tenant', () => {
    expect(() => loadConfig({ BOT_ID: 'id', BOT_TYPE: 'UserAssignedMSI' })).toThrow(/BOT_TENANT_ID/);
    expect(loadConfig({ BOT_ID: 'id', BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: 't' }).bot?.type).toBe('UserAssignedMSI');
  });

  it('local mode listens on loopback only, unless explicitly allowed; with a bot identity on every interface', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST.*127\.0\.0\.1/s);
    const allowed = loadConfig({ HOST: '0.0.0.0', ALLOW_ANONYMOUS_REMOTE: 'true' });
    expect(allowed.host).toBe('0.0.0.0');
    expect(allowed.anonymousRemote).toBe(true);
    expect(loadConfig({ BOT_ID: 'id', BOT_PASSWORD: 'p' }).host).toBe('0.0.0.0');
  });

  it('accepts activities from the bot\'s own tenant by default when it is single-tenant, or from a list', () => {
    expect(loadConfig({ BOT_ID: 'id', BOT_TYPE: 'SingleTenant', BOT_PASSWORD: 'p', BOT_TENANT_ID: 't1' }).allowedTenants).toEqual(['t1']);
    expect(loadConfig({ ALLOWED_TENANTS: 't1; t2,t3' }).allowedTenants).toEqual(['t1', 't2', 't3']);
    expect(loadConfig({}).allowedTenants).toEqual([]);
  });
});
