import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRendererFile } from './resolveRendererFile';

const dir = path.resolve('/opt/qwanyx/out/renderer');

describe('resolveRendererFile', () => {
  it('serves the index page for the bare origin', () => {
    expect(resolveRendererFile(dir, 'qwanyx://app/')).toBe(path.join(dir, 'index.html'));
    expect(resolveRendererFile(dir, 'qwanyx://app')).toBe(path.join(dir, 'index.html'));
  });

  it('serves files of the renderer, decoding the path', () => {
    expect(resolveRendererFile(dir, 'qwanyx://app/assets/index-1a2b.js?v=1#x')).toBe(
      path.join(dir, 'assets', 'index-1a2b.js'),
    );
    expect(resolveRendererFile(dir, 'qwanyx://app/fonts/Inter%20Var.woff2')).toBe(
      path.join(dir, 'fonts', 'Inter Var.woff2'),
    );
  });

  it('never serves a file outside the renderer folder', () => {
    for (const url of [
      'qwanyx://app/../../etc/passwd',
      'qwanyx://app/..%2F..%2Fetc%2Fpasswd',
      'qwanyx://app/%2e%2e/%2e%2e/etc/passwd',
      'qwanyx://app/assets/..%2F..%2F..%2Fmain%2Findex.js',
      'qwanyx://app/..%5C..%5Csecret',
      'qwanyx://app/%2Fetc%2Fpasswd/..%2F..%2F..',
      'qwanyx://app/index.html%00.png',
      'qwanyx://app/%E0%A4%A',
      'qwanyx://other/index.html',
      'file:///etc/passwd',
    ]) {
      const resolved = resolveRendererFile(dir, url);
      if (resolved !== null) expect(resolved.startsWith(dir + path.sep), `${url} → ${resolved}`).toBe(true);
    }
    expect(resolveRendererFile(dir, 'qwanyx://app/..%2F..%2Fetc%2Fpasswd')).toBeNull();
    expect(resolveRendererFile(dir, 'qwanyx://app/index.html%00.png')).toBeNull();
    expect(resolveRendererFile(dir, 'qwanyx://other/index.html')).toBeNull();
  });
});
