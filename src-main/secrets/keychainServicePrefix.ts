/**
 * Which keychain service names the app uses.
 *
 * In normal use every entry lives under `qwanyx/<namespace>`. A test run sets
 * `QWANYX_KEYCHAIN_SERVICE` to a prefix of its own (`qwanyx-test-<run id>/`),
 * so that whatever the tests write, directly or through the app, can be found
 * and removed afterwards without ever touching a real `qwanyx/` entry. The
 * variable accepts nothing else: it cannot point the app at another
 * application's entries, nor at the real ones.
 */

/** The service prefix of the app in normal use. */
export const APP_SERVICE_PREFIX = 'qwanyx/';

/** Environment variable a test runner sets to move every keychain entry under a test-only prefix. */
export const KEYCHAIN_SERVICE_ENV = 'QWANYX_KEYCHAIN_SERVICE';

/** Every test-only prefix starts with this. */
export const TEST_SERVICE_PREFIX_START = 'qwanyx-test-';

const TEST_PREFIX = /^qwanyx-test-[a-z0-9]{1,32}\/$/;

/** True for a test-only service prefix such as `qwanyx-test-3f9a1c2e/`. */
export function isTestServicePrefix(prefix: string): boolean {
  return TEST_PREFIX.test(prefix);
}

/**
 * The service prefix for keychain entries: `qwanyx/`, or the test-only prefix
 * given in `QWANYX_KEYCHAIN_SERVICE`. Throws when that variable holds anything
 * but a test-only prefix.
 */
export function keychainServicePrefix(env: NodeJS.ProcessEnv = process.env): string {
  const value = env[KEYCHAIN_SERVICE_ENV];
  if (value === undefined || value === '') return APP_SERVICE_PREFIX;
  if (!isTestServicePrefix(value)) {
    throw new Error(
      `${KEYCHAIN_SERVICE_ENV} is for test runs only and must look like "${TEST_SERVICE_PREFIX_START}<1 to 32 lowercase letters or digits>/" ` +
        `(got ${JSON.stringify(value.slice(0, 60))}); unset it to use the app's own keychain entries`,
    );
  }
  return value;
}
