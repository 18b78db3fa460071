/**
 * The relay process: `npm run relay [-- --dev] [--port N] [--host H] [--data-dir D]`
 * serves; `npm run relay -- token --workspace <id> --user <email> --role <role>`
 * prints a WebSocket token on its last line; `npm run relay -- migrate-accounts
 * --from <dataDir> [--dry-run]` copies a SQLite relay's accounts into the
 * PostgreSQL of RELAY_DATABASE_URL (exit 1 when some rows conflict). Configuration comes from
 * `RELAY_*` variables and flags (docs/relay-api.md; RELAY_DATABASE_URL and
 * RELAY_REDIS_URL make it one node of several, docs/relay-hosting.md); a bad value exits with
 * status 2 and one line on stderr. SIGTERM/SIGINT stop gracefully: stop
 * accepting, flush the log, close every socket with 1012.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { workspaceIdSchema } from '../src-main/common/ids';
import { RELAY_ROLES, type RelayRole } from '../src-main/common/relayWire';
import { parseClusterConfig, readClusterConfigInput } from './cluster/clusterConfig';
import { parseRelayConfig } from './config';
import { readRelayConfigInput, relaySettingName } from './readRelayConfigInput';
import { ConfigError } from './RelayError';
import { formatMigrationReport, migrateAccountsArgsSchema, runMigrateAccountsCommand } from './runMigrateAccountsCommand';
import { runTokenCommand } from './runTokenCommand';
import { startRelay } from './startRelay';

const USAGE = [
  'usage: relay [--dev] [--port N] [--host H] [--data-dir DIR]',
  '       relay token --workspace <id> --user <email> --role <owner|admin|member|guest> [--dev] [--data-dir DIR]',
  '       relay migrate-accounts --from <dataDir> [--dry-run]   (with RELAY_DATABASE_URL)',
].join('\n');

const tokenArgsSchema = z.object({
  workspace: workspaceIdSchema,
  user: z.email('--user must be an email address'),
  role: z.enum(RELAY_ROLES as [RelayRole, ...RelayRole[]], { error: `--role must be one of ${RELAY_ROLES.join(', ')}` }),
});

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'token') return tokenCommand(argv.slice(1));
  if (argv[0] === 'migrate-accounts') return migrateAccountsCommand(argv.slice(1));
  const { values } = parseArgs({
    args: argv,
    options: { dev: { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' }, 'data-dir': { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const input = readRelayConfigInput(process.env, { dev: values.dev, port: values.port, host: values.host, dataDir: values['data-dir'] });
  const config = parseRelayConfig(input, relaySettingName);
  const relay = await startRelay(config, readClusterConfigInput(process.env));
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      // A second Ctrl+C means "now"; a repeated SIGTERM changes nothing (the graceful stop is under way).
      if (signal === 'SIGINT') process.exit(1);
      return;
    }
    stopping = true;
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'relay.signal', signal })}\n`);
    relay.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`relay: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function tokenCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { workspace: { type: 'string' }, user: { type: 'string' }, role: { type: 'string' }, dev: { type: 'boolean' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const parsed = tokenArgsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const problem = issue?.path[0] === 'workspace' ? `--workspace ${issue.message}` : (issue?.message ?? 'bad arguments');
    throw new ConfigError(`${problem} (usage: relay token --workspace <id> --user <email> --role <role>)`);
  }
  const config = parseRelayConfig(readRelayConfigInput(process.env, { dev: values.dev, dataDir: values['data-dir'] }), relaySettingName);
  // With RELAY_DATABASE_URL the accounts are in PostgreSQL: the token command writes there too.
  const cluster = parseClusterConfig(readClusterConfigInput(process.env));
  const token = await runTokenCommand(config, { workspaceId: parsed.data.workspace, email: parsed.data.user, role: parsed.data.role }, cluster);
  process.stdout.write(`WebSocket token for ${parsed.data.user} in ${parsed.data.workspace} as ${parsed.data.role} (valid ${config.tokenTtlSeconds} s):\n${token}\n`);
}

async function migrateAccountsCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { from: { type: 'string' }, 'dry-run': { type: 'boolean' } }, strict: true });
  const parsed = migrateAccountsArgsSchema.safeParse(values);
  if (!parsed.success) throw new ConfigError(`${parsed.error.issues[0]?.message ?? 'bad arguments'} (usage: relay migrate-accounts --from <dataDir> [--dry-run])`);
  const dryRun = parsed.data['dry-run'] === true;
  const report = await runMigrateAccountsCommand({ from: parsed.data.from, databaseUrl: process.env.RELAY_DATABASE_URL, dryRun });
  process.stdout.write(`${formatMigrationReport(report, parsed.data.from)}\n`);
  if (report.conflicts.length > 0) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const badArgs = err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`relay: ${message.split('\n')[0]}\n`);
  process.exit(err instanceof ConfigError || badArgs ? 2 : 1);
});
