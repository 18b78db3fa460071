/** English texts of an MCP server that signs in with OAuth (Settings → Connectors; merged into `en`). */
export const mcpOAuthEn = {
  'connectors.mcp.oauth': 'Sign in with OAuth',
  'connectors.mcp.oauthHint': 'For a server that asks you to sign in: your browser opens, and the tokens stay in the keychain of this device.',
  'connectors.mcp.clientId': 'Client ID (optional)',
  'connectors.mcp.clientIdHint': 'Leave empty to let Qwanyx register itself, when the server allows it.',
  'connectors.mcp.scope': 'Scope (optional)',
  'connectors.mcp.scopeHint': 'Names separated by spaces; empty: what the server asks for.',
  'connectors.mcp.oauth.signedIn': 'Signed in',
  'connectors.mcp.oauth.needsSignIn': 'Needs sign-in',
  'connectors.mcp.oauth.signedInFact': 'Signed in with OAuth{scope}',
  'connectors.mcp.oauth.needsSignInFact': 'Sign in needed: {reason}',
  'connectors.mcp.oauth.signIn': 'Sign in',
  'connectors.mcp.oauth.signInAgain': 'Sign in again',
  'connectors.mcp.oauth.addedNotSignedIn': 'The server was added, but the sign-in did not finish: {error} Use “Sign in” on its card to try again.',
  'connectors.mcp.oauth.close': 'Close',
} as const;
