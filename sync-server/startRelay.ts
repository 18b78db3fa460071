/**
 * Programmatic entry of the relay (the composition root): parses the config,
 * opens the stores, builds every service by hand and serves HTTP and
 * WebSocket on one port. Tests and `main.ts` both start the relay through it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { workspaceIdSchema } from '../src-main/common/ids';
import { RELAY_ROLES, RelayCloseCode, type RelayRole } from '../src-main/common/relayWire';
import { InvitationService } from './accounts/InvitationService';
import { WorkspaceService } from './accounts/WorkspaceService';
import { AuthService } from './auth/AuthService';
import { DeviceService } from './auth/DeviceService';
import { createRelayMailer } from './auth/RelayMailer';
import { parseRelayConfig, type RelayConfigInput } from './config';
import { createLogger } from './createLogger';
import { parseClusterConfig, type ClusterConfigInput } from './cluster/clusterConfig';
import { openDocBackends } from './cluster/openDocBackends';
import { nodeRoutes } from './cluster/nodeRoutes';
import { MAX_BLOB_REQUEST_BYTES } from '../src-main/common/contract/fileChannels';
import { blobRoutes } from './blobs/blobRoutes';
import { erasureRoutes } from './erasure/erasureRoutes';
import { RelayEraser } from './erasure/RelayEraser';
import { openBlobStore } from './blobs/openBlobStore';
import { startPartialSweep } from './blobs/sweepPartialUploads';
import { accountRoutes } from './http/accountRoutes';
import { createHttpHandler } from './http/createHttpHandler';
import { metricsRoute } from './http/metricsRoute';
import { parseInput } from './http/readJsonBody';
import { workspaceRoutes } from './http/workspaceRoutes';
import { RelayMetrics } from './metrics/RelayMetrics';
import { docsDbPath, ensureDataDir, openAccountStores, resolveSecret } from './openRelayStores';
import { ConnectionRegistry } from './ws/ConnectionRegistry';
import { DocManager } from './ws/DocManager';
import { WorkspaceQuotas } from './policy/WorkspaceQuotas';
import { openWorkspaceAccess } from './policy/openWorkspaceAccess';
import { UpdateBatcher } from './ws/UpdateBatcher';
import { WsGateway } from './ws/WsGateway';

export type { RelayConfigInput } from './config';

/** A running relay. */
export interface StartedRelay {
  /** `http://127.0.0.1:<port>` (the WebSocket base is the same with `ws:`). */
  url: string;
  port: number;
  /** Graceful stop: stop accepting, flush the log, close every socket with 1012, close the stores. */
  close(): Promise<void>;
  /**
   * Stops at once as a crash would (tests of node failures): sockets cut, nothing flushed, writes
   * not yet committed dropped unacknowledged, no compaction; the stores are closed.
   */
  abort(): Promise<void>;
  /** This node's id when it is one of several (RELAY_DATABASE_URL + RELAY_REDIS_URL), else null. */
  nodeId: string | null;
  /** The admin command's effect: registers workspace, user and membership when missing; resolves to a WebSocket token. */
  mintToken(input: { workspaceId: string; email: string; role: RelayRole }): Promise<string>;
  /** The last one-time code "sent" to `email` when no SMTP is configured (for tests), else null. */
  lastCode(email: string): string | null;
}

const mintInputSchema = z.strictObject({
  workspaceId: workspaceIdSchema,
  email: z.email('must be an email address'),
  role: z.enum(RELAY_ROLES as [RelayRole, ...RelayRole[]]),
});

/**
 * Starts a relay with `input` (see `relayConfigSchema`; port 0 picks a free port), one node of
 * several when `cluster` names PostgreSQL and Redis (cluster/clusterConfig.ts).
 */
export async function startRelay(input: RelayConfigInput, cluster: ClusterConfigInput = {}): Promise<StartedRelay> {
  const config = parseRelayConfig(input);
  const clusterConfig = parseClusterConfig(cluster);
  ensureDataDir(config.dataDir);
  const logger = createLogger(config.logLevel);
  const { secret, generated, file } = resolveSecret(config);
  // The secret itself is never logged: whoever needs it reads the file.
  if (generated) logger('info', 'relay.dev_secret', { file, note: 'dev mode: a secret was generated and saved in this file for the next runs' });

  // With RELAY_DATABASE_URL the accounts are in PostgreSQL, shared by every node; else in the data dir.
  const stores = await openAccountStores(config.dataDir, clusterConfig);
  let backends: Awaited<ReturnType<typeof openDocBackends>>;
  try {
    backends = await openDocBackends(clusterConfig, docsDbPath(config.dataDir), logger);
  } catch (err) {
    await stores.close();
    throw err;
  }
  const { persistence, fanout } = backends;
  const registry = new ConnectionRegistry();
  // The gauges read the manager and the gateway, built just below, only when /metrics is rendered.
  const metrics: RelayMetrics = new RelayMetrics({
    connections: () => registry.size,
    pendingAuth: () => gateway.pendingAuth,
    docsLoaded: () => docs.size,
  });
  // A connection may send four frames' worth while its update waits for a member id lookup (as while its doc loads).
  const access = openWorkspaceAccess(stores, metrics, logger, config.limits.maxFrameBytes * 4);
  let accountListener: Awaited<ReturnType<typeof backends.linkAccounts>>;
  try {
    // Role changes, removals and revoked devices close sockets on every node; member id bindings reach every node's checks.
    accountListener = await backends.linkAccounts({
      roleChanged: (workspaceId, userId) => registry.roleChanged(workspaceId, userId),
      memberRemoved: (workspaceId, userId) => registry.memberRemoved(workspaceId, userId),
      workspaceErased: (workspaceId, at) => {
        registry.workspaceErased(workspaceId, at);
        access.memberIds.forget(workspaceId);
      },
      deviceClosed: (deviceId, why) => registry.deviceClosed(deviceId, why),
      memberBound: (workspaceId, memberId, userId) => access.memberIds.learn(workspaceId, memberId, userId),
    });
  } catch (err) {
    await backends.close();
    await stores.close();
    throw err;
  }
  access.memberIds.tell(accountListener);
  const batcher = new UpdateBatcher(persistence, metrics, logger, fanout);
  const { limits } = config;
  const docs: DocManager = new DocManager(
    { persistence, batcher, fanout, metrics, logger, maxFrameBytes: limits.maxFrameBytes, maxDocBytes: limits.maxDocBytes, maxAwarenessBytes: limits.maxAwarenessBytes, compactEvery: config.compactEvery, quotas: new WorkspaceQuotas(persistence, limits), enforcePolicies: config.enforcePolicies, access: access.view },
    config.docGraceMs,
    (doc) => access.view.keepLoaded(doc),
  );
  access.view.attach(docs);
  const gateway: WsGateway = new WsGateway({
    secret,
    limits,
    keepaliveMs: config.keepaliveMs,
    workspaces: stores.workspaces,
    accounts: stores.accounts,
    deviceTtlSeconds: config.deviceTtlSeconds,
    docs,
    registry,
    metrics,
    logger,
  });

  const server = http.createServer();
  const publicUrl = (): string => config.publicUrl ?? `http://localhost:${(server.address() as AddressInfo | null)?.port ?? config.port}`;
  const mailer = createRelayMailer({ smtpUrl: config.smtpUrl, smtpFrom: config.smtpFrom, get publicUrl() { return publicUrl(); }, logger });
  const auth = new AuthService({ accounts: stores.accounts, mailer, secret, limits, deviceTtlSeconds: config.deviceTtlSeconds, metrics, logger, rateLimiters: backends.rateLimiters ?? undefined });
  const devices = new DeviceService({ accounts: stores.accounts, listener: accountListener, logger });
  const workspaceService = new WorkspaceService({ accounts: stores.accounts, workspaces: stores.workspaces, secret, tokenTtlSeconds: config.tokenTtlSeconds, listener: accountListener, logger });
  const invitations = new InvitationService({ workspaces: stores.workspaces, workspaceService, mailer, logger });
  const routeDeps = { auth, workspaces: workspaceService, invitations, devices, maxBodyBytes: limits.maxBodyBytes };
  // The relay's disk, or an S3-compatible bucket every node shares (RELAY_BLOB_S3_*).
  let blobStore: Awaited<ReturnType<typeof openBlobStore>>;
  try {
    blobStore = await openBlobStore(config, clusterConfig);
  } catch (err) {
    await backends.close();
    await stores.close();
    throw err;
  }
  const eraser = new RelayEraser({ docs, persistence, blobs: blobStore, access: access.view, logger });
  server.on(
    'request',
    createHttpHandler({
      routes: [
        ...nodeRoutes({ backends: { problem: async () => (await backends.problem()) ?? (await blobStore.problem()) }, stopping: () => closing !== null }),
        metricsRoute({ metrics, token: config.metricsToken, dev: config.dev }),
        ...accountRoutes(routeDeps),
        ...workspaceRoutes(routeDeps),
        ...blobRoutes({ auth, workspaces: workspaceService, access: access.view, blobs: blobStore, quotaBytes: limits.maxBlobBytesPerWorkspace, maxChunkBytes: MAX_BLOB_REQUEST_BYTES }),
        ...erasureRoutes({ auth, workspaces: workspaceService, eraser, memberIds: access.memberIds, maxBodyBytes: limits.maxBodyBytes }),
      ],
      metrics,
      logger,
      trustedProxies: config.trustedProxies,
    }),
  );
  server.on('upgrade', (req, socket, head) => {
    try {
      gateway.handleUpgrade(req, socket, head);
    } catch (err) {
      logger('error', 'ws.upgrade_failed', { err });
      socket.destroy();
    }
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await blobStore.close();
    await backends.close();
    await stores.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  devices.start(config.deviceTtlSeconds);
  // Uploads begun and never finished are deleted after a while, now and then periodically.
  const partialSweep = startPartialSweep({ store: blobStore, maxAgeHours: config.blobPartialMaxAgeHours, logger });
  logger('info', 'relay.listening', { host: config.host, port, dataDir: config.dataDir, dev: config.dev, smtp: config.smtpUrl !== undefined, storage: backends.mode, accounts: stores.backend, files: blobStore.kind });

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      logger('info', 'relay.stopping', { connections: registry.size });
      server.close();
      devices.stop();
      access.view.expiries.clearAll();
      gateway.quiesce();
      await batcher.flushed();
      await gateway.closeAll(RelayCloseCode.Restarting, 'relay restarting');
      docs.unloadAll();
      server.closeAllConnections();
      await partialSweep.stop();
      await blobStore.close();
      await backends.close();
      await stores.close();
      mailer.close();
      logger('info', 'relay.stopped', {});
    })();
    return closing;
  };
  const abort = (): Promise<void> => {
    closing ??= (async () => {
      server.close();
      devices.stop();
      access.view.expiries.clearAll();
      gateway.quiesce();
      batcher.abandon();
      for (const conn of [...registry.all()]) conn.ws.terminate();
      docs.unloadAll();
      server.closeAllConnections();
      await partialSweep.stop();
      await blobStore.close();
      await backends.close();
      await stores.close();
      mailer.close();
    })();
    return closing;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close,
    abort,
    nodeId: backends.nodeId,
    mintToken: (request) => workspaceService.mintToken(parseInput(mintInputSchema, request, 'token request')),
    lastCode: (email) => mailer.lastCode(email),
  };
}
