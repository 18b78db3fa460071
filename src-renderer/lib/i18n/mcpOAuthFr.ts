/** Textes français d’un serveur MCP qui se connecte par OAuth (Réglages → Connecteurs ; fusionnés dans `fr`). */
import type { mcpOAuthEn } from './mcpOAuthEn';

export const mcpOAuthFr: Record<keyof typeof mcpOAuthEn, string> = {
  'connectors.mcp.oauth': 'Se connecter avec OAuth',
  'connectors.mcp.oauthHint': 'Pour un serveur qui demande de se connecter : votre navigateur s’ouvre, et les jetons restent dans le trousseau de cet appareil.',
  'connectors.mcp.clientId': 'Identifiant client (facultatif)',
  'connectors.mcp.clientIdHint': 'Laissez vide pour que Qwanyx s’enregistre lui-même, si le serveur le permet.',
  'connectors.mcp.scope': 'Portée (facultative)',
  'connectors.mcp.scopeHint': 'Des noms séparés par des espaces ; vide : ce que le serveur demande.',
  'connectors.mcp.oauth.signedIn': 'Connecté',
  'connectors.mcp.oauth.needsSignIn': 'Connexion requise',
  'connectors.mcp.oauth.signedInFact': 'Connecté avec OAuth{scope}',
  'connectors.mcp.oauth.needsSignInFact': 'Connexion requise : {reason}',
  'connectors.mcp.oauth.signIn': 'Se connecter',
  'connectors.mcp.oauth.signInAgain': 'Se reconnecter',
  'connectors.mcp.oauth.addedNotSignedIn': 'Le serveur a été ajouté, mais la connexion n’a pas abouti : {error} Utilisez « Se connecter » sur sa carte pour réessayer.',
  'connectors.mcp.oauth.close': 'Fermer',
};
