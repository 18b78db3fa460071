import { describe, expect, it } from 'vitest';
import { parseClusterConfig, readClusterConfigInput } from './clusterConfig';

describe('cluster settings', () => {
  it('are off by default (one node on SQLite) and read from RELAY_DATABASE_URL and RELAY_REDIS_URL', () => {
    expect(parseClusterConfig(readClusterConfigInput({}))).toEqual({ databasePoolSize: 8 });
    expect(parseClusterConfig(readClusterConfigInput({ RELAY_DATABASE_URL: ' ', RELAY_REDIS_URL: '' }))).toEqual({ databasePoolSize: 8 });
    const env = { RELAY_DATABASE_URL: 'postgres://relay:pw@db:5432/qwanyx', RELAY_REDIS_URL: 'redis://bus:6379', RELAY_DATABASE_POOL_SIZE: '16' };
    expect(parseClusterConfig(readClusterConfigInput(env))).toEqual({ databaseUrl: env.RELAY_DATABASE_URL, redisUrl: env.RELAY_REDIS_URL, databasePoolSize: 16 });
  });

  it('refuse one without the other and bad URLs, naming the variable', () => {
    expect(() => parseClusterConfig({ redisUrl: 'redis://bus:6379' })).toThrow(/RELAY_DATABASE_URL is required too/);
    expect(() => parseClusterConfig({ databaseUrl: 'postgres://db/q' })).toThrow(/RELAY_REDIS_URL is required too/);
    expect(() => parseClusterConfig({ databaseUrl: 'mysql://db/q', redisUrl: 'redis://bus' })).toThrow(/RELAY_DATABASE_URL must be a postgres:\/\//);
    expect(() => parseClusterConfig({ databaseUrl: 'postgres://db/q', redisUrl: 'http://bus' })).toThrow(/RELAY_REDIS_URL must be a redis:\/\//);
    expect(() => parseClusterConfig(readClusterConfigInput({ RELAY_DATABASE_URL: 'postgres://db/q', RELAY_REDIS_URL: 'redis://bus', RELAY_DATABASE_POOL_SIZE: 'many' }))).toThrow(/RELAY_DATABASE_POOL_SIZE/);
  });
});
