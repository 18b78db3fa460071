# The relay (sync-server/) as an image: `docker build -t qwanyx-relay .`
# One node on SQLite by default (data in /data); set RELAY_DATABASE_URL and
# RELAY_REDIS_URL to make it one node of several (docker-compose.yml,
# docs/relay-hosting.md): docs and accounts then live in PostgreSQL and only
# uploaded files in /data/blobs (or in an S3-compatible bucket with
# RELAY_BLOB_S3_BUCKET…, deploy/relay/relay.env.example). Runs as the unprivileged `node` user.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# better-sqlite3 is compiled here when no prebuilt binary fits the platform,
# against the image's own Node headers (nothing downloaded for them).
ENV npm_config_nodedir=/usr/local
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Production dependencies only, no install scripts but the SQLite driver's build.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    RELAY_HOST=0.0.0.0 \
    RELAY_PORT=4455 \
    RELAY_DATA_DIR=/data
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
# The relay imports only src-main/common from the app.
COPY src-main/common ./src-main/common
COPY sync-server ./sync-server
# /data/blobs exists in the image, owned by `node`, so a volume mounted there starts writable.
RUN rm -f sync-server/*.test.ts sync-server/*/*.test.ts \
 && mkdir -p /data/blobs && chown -R node:node /data
USER node
VOLUME /data
EXPOSE 4455
# Ready: listening, PostgreSQL and Redis answer (when configured), not stopping.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.RELAY_PORT || 4455) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM stops gracefully: the log is flushed, clients are told to reconnect (1012).
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "sync-server/main.ts"]
