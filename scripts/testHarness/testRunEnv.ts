/**
 * The environment variables a test run shares between the runner
 * (scripts/withTestKeyring.ts), vitest's global setup and the tests.
 */
import { isTestServicePrefix, TEST_SERVICE_PREFIX_START } from '../../src-main/secrets/keychainServicePrefix';

/** Holds the id of the current test run; every process the run starts inherits it. */
export const TEST_RUN_ENV = 'QWANYX_TEST_RUN';

/** Set to 1 when the run has a throwaway Secret Service of its own (Linux). */
export const TEST_KEYRING_ENV = 'QWANYX_TEST_KEYRING';

/** The test-only keychain service prefix of a run: `qwanyx-test-<run id>/`. */
export function testServicePrefix(runId: string): string {
  const prefix = `${TEST_SERVICE_PREFIX_START}${runId}/`;
  if (!isTestServicePrefix(prefix)) throw new Error(`A test run id is 1 to 32 lowercase letters or digits, not ${JSON.stringify(runId)}`);
  return prefix;
}
