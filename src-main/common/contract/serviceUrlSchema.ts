/**
 * The address of a service a workspace talks to (a connector's API, an MCP
 * server): http(s), no control characters or spaces, no user name or
 * password in it, and plain http only for this computer. Each caller words
 * its own messages (an example address, where credentials go instead) and
 * says whether a query or fragment may stay in the address.
 */
import { z } from 'zod';
import { plainHttpProblem } from '../loopbackHost';
import { hasControlChars } from './hasControlChars';

export interface ServiceUrlRules {
  /** "The address must look like …" */
  lookLike: string;
  /** What to say when the address holds credentials (or a query or fragment, when those are refused). */
  credentials: string;
  /** Whether a query string or a fragment may stay in the address. */
  allowQuery: boolean;
  /** How the plain-http message names the address ("The address", "The MCP server address"). */
  name: string;
}

export function serviceUrlSchema(rules: ServiceUrlRules) {
  return z
    .string()
    .trim()
    .max(2000, 'The address is too long')
    .superRefine((raw, ctx) => {
      let url: URL | null = null;
      try {
        url = new URL(raw);
      } catch {
        url = null;
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || hasControlChars(raw) || /\s/.test(raw)) {
        ctx.addIssue({ code: 'custom', message: rules.lookLike });
      } else if (url.username !== '' || url.password !== '' || (!rules.allowQuery && (url.search !== '' || url.hash !== ''))) {
        ctx.addIssue({ code: 'custom', message: rules.credentials });
      } else {
        const plain = plainHttpProblem(raw, rules.name);
        if (plain !== null) ctx.addIssue({ code: 'custom', message: plain });
      }
    });
}
