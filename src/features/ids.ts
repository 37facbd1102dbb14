// Every id the extension contributes, in one place; package.json declares the same strings.

export const EXTENSION_NAME = 'Slack Token Guard';
export const DIAGNOSTIC_SOURCE = 'Slack Token Guard';

/** Command ids. Every command is in the "Slack Token Guard" category of the palette. */
export const Commands = {
  /** Prompt for a token (password box), normalise the paste, store it in SecretStorage. */
  addToken: 'slackTokenGuard.addToken',
  /** auth.test on one stored token (tree item or quick pick); records team, user, scopes, status. */
  testToken: 'slackTokenGuard.testToken',
  /** auth.test on every stored token, with progress and cancel. */
  testAllTokens: 'slackTokenGuard.testAllTokens',
  /** auth.revoke after a modal that says what will happen; optional dry run. */
  revokeToken: 'slackTokenGuard.revokeToken',
  /** Delete a stored token from SecretStorage (modal confirm). */
  removeToken: 'slackTokenGuard.removeToken',
  renameToken: 'slackTokenGuard.renameToken',
  /** Copy a stored token to the clipboard, with a notice that it is there. */
  copyToken: 'slackTokenGuard.copyToken',
  /** Open Slack's legacy-token migration guide; for a given legacy token, list its scopes and replacements. */
  openMigrationGuide: 'slackTokenGuard.openMigrationGuide',
  /** Expose (or stop exposing) a stored token to integrated terminals as its environment variable. */
  toggleTerminalEnv: 'slackTokenGuard.toggleTerminalEnvironment',
  /** Scan every folder of the workspace, with progress and cancel. */
  scanWorkspace: 'slackTokenGuard.scanWorkspace',
  clearFindings: 'slackTokenGuard.clearFindings',
  /** Quick fix: store the token under the diagnostic and replace the literal with a reference. */
  moveToSecretStorage: 'slackTokenGuard.moveToSecretStorage',
  /** Quick fix: add an ignore comment (or the fingerprint to .slack-token-guard-ignore). */
  ignoreOccurrence: 'slackTokenGuard.ignoreOccurrence',
  /** Quick fixes on a literal in a document: test / revoke it without storing it first. */
  testLiteral: 'slackTokenGuard.testTokenAt',
  revokeLiteral: 'slackTokenGuard.revokeTokenAt',
  showLog: 'slackTokenGuard.showLog',
  /** Read the code, compute the least-privilege Slack app it needs, show the plan page. */
  planMigration: 'slackTokenGuard.planMigration',
  /** "Scan Workspace" that also reads each repository's git history ("In history only" group). */
  scanWorkspaceWithHistory: 'slackTokenGuard.scanWorkspaceWithHistory',
  /** Copy a finding's fingerprint (never the token), e.g. for a baseline or an ignore file. */
  copyFingerprint: 'slackTokenGuard.copyFingerprint',
} as const;

export const Views = {
  container: 'slackTokenGuard',
  tokens: 'slackTokenGuard.tokens',
  findings: 'slackTokenGuard.findings',
} as const;

/** Setting keys, relative to the `slackTokenGuard` section. */
export const Settings = {
  section: 'slackTokenGuard',
  /** Extra Slack API endpoints (application scope only: a workspace can never redirect tokens). */
  extraEndpoints: 'api.extraEndpoints',
  requestTimeoutSeconds: 'api.requestTimeoutSeconds',
  diagnosticsEnabled: 'diagnostics.enabled',
  severityLegacy: 'diagnostics.severity.legacy',
  severityDefault: 'diagnostics.severity.default',
  severityLowConfidence: 'diagnostics.severity.lowConfidence',
  maxLiveFileSizeKB: 'diagnostics.maxLiveFileSizeKB',
  debounceMs: 'diagnostics.debounceMs',
  safePasteByDefault: 'paste.safePasteByDefault',
  scanMaxFileSizeKB: 'scan.maxFileSizeKB',
} as const;

/**
 * Settings that decide where tokens go: read from the user's values only, whatever the workspace
 * (package.json declares them application-scoped).
 */
export const USER_ONLY_SETTINGS: readonly string[] = [Settings.extraEndpoints, Settings.requestTimeoutSeconds, Settings.safePasteByDefault];

/**
 * Settings a workspace may set only once it is trusted: those that decide whether tokens are seen.
 * In Restricted Mode the user's values apply. package.json's
 * capabilities.untrustedWorkspaces.restrictedConfigurations lists these and USER_ONLY_SETTINGS.
 */
export const TRUSTED_ONLY_SETTINGS: readonly string[] = [
  Settings.diagnosticsEnabled,
  Settings.severityLegacy,
  Settings.severityDefault,
  Settings.severityLowConfidence,
  Settings.maxLiveFileSizeKB,
  Settings.scanMaxFileSizeKB,
];

export const MIGRATION_GUIDE_URL = 'https://docs.slack.dev/legacy/legacy-custom-integrations/legacy-custom-integrations-tokens';
