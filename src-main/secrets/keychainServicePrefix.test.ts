import { describe, expect, it } from 'vitest';
import { APP_SERVICE_PREFIX, isTestServicePrefix, KEYCHAIN_SERVICE_ENV, keychainServicePrefix } from './keychainServicePrefix';

describe('keychainServicePrefix', () => {
  it('is the app prefix when the variable is unset or empty', () => {
    expect(keychainServicePrefix({})).toBe(APP_SERVICE_PREFIX);
    expect(keychainServicePrefix({ [KEYCHAIN_SERVICE_ENV]: '' })).toBe('qwanyx/');
  });

  it('takes a test-only prefix', () => {
    expect(keychainServicePrefix({ [KEYCHAIN_SERVICE_ENV]: 'qwanyx-test-3f9a1c2e/' })).toBe('qwanyx-test-3f9a1c2e/');
  });

  it('refuses anything that is not a test-only prefix', () => {
    for (const bad of ['qwanyx/', 'qwanyx', 'qwanyx-test-/', 'qwanyx-test-ab', 'qwanyx-test-AB/', 'qwanyx-test-a/b/', 'other-app/', 'qwanyx-test-a b/', `qwanyx-test-${'a'.repeat(33)}/`]) {
      expect(isTestServicePrefix(bad)).toBe(false);
      expect(() => keychainServicePrefix({ [KEYCHAIN_SERVICE_ENV]: bad })).toThrow(/QWANYX_KEYCHAIN_SERVICE is for test runs only/);
    }
  });
});
