/**
 * Opens where docs are kept and how updates travel: on one node, the
 * embedded SQLite log (`<dataDir>/docs.db`) and in-process fan-out; with
 * `RELAY_DATABASE_URL` and `RELAY_REDIS_URL`, the PostgreSQL log shared by
 * every node and Redis Streams between them, with the sign-in rate limits
 * in Redis too (shared by the nodes). A backend that does not answer stops
 * the start with a one-line reason.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../../src-main/common/Logger';
import type { RateLimiterFactory } from '../auth/RateLimiter';
import { RedisRateLimiter } from '../auth/RedisRateLimiter';
import type { DocFanout } from '../fanout/DocFanout';
import { InProcessFanout } from '../fanout/InProcessFanout';
import { newNodeId, RedisFanout } from '../fanout/RedisFanout';
import type { DocPersistence } from '../persistence/DocPersistence';
import { ConfigError } from '../RelayError';
import { PgDocPersistence } from '../storage/PgDocPersistence';
import { SqliteDocPersistence } from '../storage/SqliteDocPersistence';
import { AccountEvents, type AccountListener } from './AccountEvents';
import type { ClusterConfig } from './clusterConfig';

export interface DocBackends {
  persistence: DocPersistence;
  fanout: DocFanout;
  /** `sqlite` (one node) or `cluster` (PostgreSQL + Redis). */
  mode: 'sqlite' | 'cluster';
  /** This node's id in the cluster (its PostgreSQL connections are `qwanyx-relay-<id>`), null on one node. */
  nodeId: string | null;
  /** Rate limits shared by the nodes (Redis), or null on one node (in memory). */
  rateLimiters: RateLimiterFactory | null;
  /** The listener account changes go to: `local` itself on one node, `local` and every other node with several. */
  linkAccounts(local: AccountListener): Promise<AccountListener>;
  /** Null when every backend answers, else what does not (readiness). */
  problem(): Promise<string | null>;
  close(): Promise<void>;
}

/** Opens the backends `cluster` names, or SQLite at `docsDbPath`. */
export async function openDocBackends(cluster: ClusterConfig, docsDbPath: string, logger: Logger): Promise<DocBackends> {
  if (cluster.databaseUrl === undefined || cluster.redisUrl === undefined) {
    const persistence = new SqliteDocPersistence(docsDbPath);
    const fanout = new InProcessFanout();
    return {
      persistence,
      fanout,
      mode: 'sqlite',
      nodeId: null,
      rateLimiters: null,
      linkAccounts: (local) => Promise.resolve(local),
      problem: () => Promise.resolve(null),
      close: async () => {
        await fanout.close();
        await persistence.close();
      },
    };
  }
  const nodeId = newNodeId();
  let persistence: PgDocPersistence;
  try {
    persistence = await PgDocPersistence.open(cluster.databaseUrl, cluster.databasePoolSize, `qwanyx-relay-${nodeId}`);
  } catch (err) {
    throw new ConfigError(`RELAY_DATABASE_URL: PostgreSQL cannot be used (${oneLine(err)}); check that it runs and the URL, user and database are right`);
  }
  let fanout: RedisFanout;
  try {
    fanout = await RedisFanout.open(cluster.redisUrl, logger, nodeId);
  } catch (err) {
    await persistence.close();
    throw new ConfigError(`RELAY_REDIS_URL: Redis cannot be used (${oneLine(err)}); check that it runs and the URL is right`);
  }
  const limits = new Redis(cluster.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  limits.on('error', (err: Error) => logger('warn', 'limits.redis_error', { err }));
  try {
    await limits.connect();
  } catch (err) {
    limits.disconnect();
    await fanout.close();
    await persistence.close();
    throw new ConfigError(`RELAY_REDIS_URL: Redis cannot be used (${oneLine(err)}); check that it runs and the URL is right`);
  }
  logger('info', 'relay.cluster', { node: nodeId });
  let accounts: AccountEvents | null = null;
  const redisUrl = cluster.redisUrl;
  return {
    persistence,
    fanout,
    mode: 'cluster',
    nodeId,
    rateLimiters: (name, limit, windowMs) => new RedisRateLimiter(limits, name, limit, windowMs),
    linkAccounts: async (local) => {
      accounts = await AccountEvents.open(redisUrl, nodeId, local, logger);
      return accounts;
    },
    problem: async () => {
      const [db, bus] = await Promise.allSettled([withTimeout(persistence.ping()), withTimeout(fanout.ping())]);
      if (db.status === 'rejected') return `PostgreSQL: ${oneLine(db.reason)}`;
      if (bus.status === 'rejected') return `Redis: ${oneLine(bus.reason)}`;
      return null;
    },
    close: async () => {
      await accounts?.close();
      await limits.quit().catch(() => undefined);
      await fanout.close();
      await persistence.close();
    },
  };
}

function withTimeout(work: Promise<void>, ms = 2000): Promise<void> {
  return Promise.race([work, new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

/** The first line of an error's message (config errors are one line). */
export function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}
