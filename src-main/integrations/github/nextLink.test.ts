import { describe, expect, it } from 'vitest';
import { nextLink } from './GithubApi';

describe('nextLink', () => {
  const api = 'https://ghe.example.com/api/v3';

  it('takes the rel="next" URL of a Link header', () => {
    const link = '<https://ghe.example.com/api/v3/repos/a/b/issues?page=3>; rel="next", <https://ghe.example.com/api/v3/repos/a/b/issues?page=9>; rel="last"';
    expect(nextLink(link, api)).toBe('https://ghe.example.com/api/v3/repos/a/b/issues?page=3');
    expect(nextLink('<https://ghe.example.com/x?page=1>; rel="prev"', api)).toBeNull();
    expect(nextLink(null, api)).toBeNull();
  });

  it('never follows a next page on another origin (the token would go there)', () => {
    expect(nextLink('<https://evil.example/steal?page=2>; rel="next"', api)).toBeNull();
    expect(nextLink('<http://ghe.example.com/api/v3/x?page=2>; rel="next"', api)).toBeNull();
  });
});
