/** createCore as the benchmarks use it: in-memory secrets, quiet logs, CLI shell. */
import { createCore, type Core } from '../../src-main/core/createCore';
import { MemorySecretStore } from '../../src-main/secrets/MemorySecretStore';

/** A core over `dataDir` with a MemorySecretStore; errors of background work go to stderr. */
export function createBenchCore(dataDir: string): Promise<Core> {
  return createCore({
    dataDir,
    secretStore: new MemorySecretStore(),
    shell: 'cli',
    log: (level, msg, extra) => {
      if (level !== 'info') process.stderr.write(`[core ${level}] ${msg} ${extra instanceof Error ? extra.stack : String(extra ?? '')}\n`);
    },
  });
}
