/**
 * `npm run start:web` / `node bin/qwanyx-web.js [--port N] [--data-dir DIR]`:
 * starts the core and the browser host, prints the URL to open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createCore } from '../../core/createCore';
import { resolveDataDir } from '../../core/defaultDataDir';
import { KeyringSecretStore } from '../../secrets/KeyringSecretStore';
import { startWebHost } from './startWebHost';

const USAGE = 'usage: qwanyx-web [--port N] [--data-dir DIR]   (env: QWANYX_PORT, QWANYX_DATA_DIR)';
const portSchema = z.coerce.number().int().min(0).max(65535);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const rawPort = values.port ?? process.env.QWANYX_PORT ?? '5757';
  const port = portSchema.safeParse(rawPort);
  if (!port.success || rawPort.trim() === '') throw new Error(`--port must be a number from 0 to 65535, got ${JSON.stringify(rawPort)}`);
  const rendererDir = process.env.QWANYX_RENDERER_DIR ?? fileURLToPath(new URL('../../../out/renderer', import.meta.url));
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}: run "npm run build" first (npm run start:web does it for you)`);
  }
  const dataDir = resolveDataDir(values['data-dir']);
  const core = await createCore({ dataDir, secretStore: new KeyringSecretStore(), shell: 'web' });
  const host = await startWebHost({ core, rendererDir, port: port.data });
  process.stdout.write(`Qwanyx is running at ${host.url}\nData: ${dataDir}\nOpen the address above in a browser; press Ctrl+C to stop.\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void host
      .close()
      .then(() => core.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`qwanyx-web: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
