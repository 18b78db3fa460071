/**
 * Settings that turn one relay into a node of several (docs/relay-hosting.md):
 * `RELAY_DATABASE_URL` moves the durable doc log to PostgreSQL, shared by
 * every node; `RELAY_REDIS_URL` carries updates and awareness between nodes
 * over Redis Streams. Both unset: the embedded SQLite log and in-process
 * fan-out of a single node (the default, nothing else to install). Several
 * nodes need both: a node on PostgreSQL alone would not see the others'
 * updates, one on Redis alone would keep its log to itself.
 */
import { z } from 'zod';
import { ConfigError } from '../RelayError';

export const clusterConfigSchema = z
  .object({
    /** `postgres://user:password@host:5432/db`: the doc log in PostgreSQL. */
    databaseUrl: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }).optional(),
    /** `redis://[:password@]host:6379[/db]` or `rediss://…`: fan-out between nodes. */
    redisUrl: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
    /** Connections each node keeps to PostgreSQL. */
    databasePoolSize: z.number().int('must be a whole number').min(2, 'must be at least 2').max(200, 'must be at most 200').default(8),
  })
  .strict()
  .superRefine((config, ctx) => {
    if ((config.databaseUrl === undefined) !== (config.redisUrl === undefined)) {
      ctx.addIssue({ code: 'custom', path: [config.databaseUrl === undefined ? 'databaseUrl' : 'redisUrl'], message: 'is required too: several nodes need both PostgreSQL and Redis (or neither, for one node on SQLite)' });
    }
  });

export type ClusterConfigInput = z.input<typeof clusterConfigSchema>;
export type ClusterConfig = z.output<typeof clusterConfigSchema>;

const ENV_NAMES: Record<string, string> = { databaseUrl: 'RELAY_DATABASE_URL', redisUrl: 'RELAY_REDIS_URL', databasePoolSize: 'RELAY_DATABASE_POOL_SIZE' };

/** Parses `input`; a bad value throws a one-line `ConfigError` naming its variable. */
export function parseClusterConfig(input: ClusterConfigInput): ClusterConfig {
  const parsed = clusterConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  throw new ConfigError(`invalid relay configuration: ${ENV_NAMES[key] ?? key} ${issue?.message ?? 'is invalid'}`);
}

/** The cluster settings from the environment (empty strings count as unset). */
export function readClusterConfigInput(env: NodeJS.ProcessEnv): ClusterConfigInput {
  const value = (name: string): string | undefined => (env[name]?.trim() ? env[name].trim() : undefined);
  const pool = value('RELAY_DATABASE_POOL_SIZE');
  return {
    databaseUrl: value('RELAY_DATABASE_URL'),
    redisUrl: value('RELAY_REDIS_URL'),
    ...(pool !== undefined ? { databasePoolSize: Number(pool) } : {}),
  };
}
