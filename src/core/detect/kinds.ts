// The one table of credential kinds. The scanner, the SARIF rules, the diagnostics, the vault and the
// tree all read it, so a kind's wording, links and env var live here and nowhere else.
// Facts come from ../../../../shared/slack-credentials.md (Slack publishes prefixes, not lengths).
import type { KindId, KindInfo } from './types';

const LEGACY_TOKENS_URL = 'https://docs.slack.dev/legacy/legacy-custom-integrations/legacy-custom-integrations-tokens';
const TOKEN_TYPES_URL = 'https://docs.slack.dev/authentication/tokens';
const ROTATION_URL = 'https://docs.slack.dev/authentication/using-token-rotation';
const CLASSIC_APPS_URL = 'https://docs.slack.dev/legacy/legacy-app-migration/migrating-classic-apps';
const WEBHOOKS_URL = 'https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks';
const WORKFLOW_WEBHOOKS_URL = 'https://slack.com/help/articles/360041352714-Build-a-workflow--Create-a-workflow-that-starts-outside-of-Slack';
const TRIGGERS_URL = 'https://docs.slack.dev/tools/deno-slack-sdk/guides/creating-webhook-triggers';
const VERIFY_URL = 'https://docs.slack.dev/authentication/verifying-requests-from-slack';
const BEST_PRACTICES_URL = 'https://api.slack.com/authentication/best-practices';
const EXPORT_URL = 'https://slack.com/help/articles/201658943-Export-your-workspace-data';
const LEGACY_BOTS_URL = 'https://docs.slack.dev/legacy/legacy-custom-integrations/legacy-custom-integrations-bot-users';

export const KINDS: Readonly<Record<KindId, KindInfo>> = Object.freeze({
  bot: {
    id: 'bot',
    label: 'Bot token',
    description: "A Slack app's bot token: it acts as the app's bot user with every scope the app was granted.",
    prefix: 'xoxb-',
    confidence: 'high',
    legacy: false,
    docsUrl: TOKEN_TYPES_URL,
    envVar: 'SLACK_BOT_TOKEN',
    revoke: 'api',
    testable: true,
  },
  'bot-legacy': {
    id: 'bot-legacy',
    label: 'Legacy custom-bot token',
    description:
      'A classic custom-bot token from the retired custom integrations; such bots stopped working on 2025-03-31, so replace it with a Slack app.',
    prefix: 'xoxb-',
    confidence: 'high',
    legacy: true,
    docsUrl: LEGACY_BOTS_URL,
    envVar: 'SLACK_BOT_TOKEN',
    revoke: 'api',
    testable: true,
  },
  user: {
    id: 'user',
    label: 'User token',
    description:
      'A user token (OAuth or legacy tester token): it can act as you; a legacy token acts as you, with full access to your workspace.',
    prefix: 'xoxp-',
    confidence: 'high',
    legacy: false,
    docsUrl: LEGACY_TOKENS_URL,
    envVar: 'SLACK_USER_TOKEN',
    revoke: 'api',
    testable: true,
  },
  'user-short': {
    id: 'user-short',
    label: 'Legacy user token (pre-2016)',
    description: 'An old user token with a short secret: it acts as you, with full access to your workspace.',
    prefix: 'xoxp-',
    confidence: 'medium',
    legacy: true,
    docsUrl: LEGACY_TOKENS_URL,
    envVar: 'SLACK_USER_TOKEN',
    revoke: 'api',
    testable: true,
  },
  'legacy-session': {
    id: 'legacy-session',
    label: 'Legacy client token',
    description: 'A legacy client or session token (xoxs-, xoxo-): it acts as you, with full access to your workspace.',
    prefix: 'xoxs-',
    confidence: 'high',
    legacy: true,
    docsUrl: LEGACY_TOKENS_URL,
    envVar: 'SLACK_USER_TOKEN',
    revoke: 'api',
    testable: true,
  },
  client: {
    id: 'client',
    label: 'Browser session token',
    description: 'A Slack web session token (xoxc-): together with the d cookie it has the full power of your signed-in user.',
    prefix: 'xoxc-',
    confidence: 'high',
    legacy: false,
    docsUrl: BEST_PRACTICES_URL,
    envVar: 'SLACK_XOXC_TOKEN',
    revoke: 'browser-session',
    testable: true,
  },
  cookie: {
    id: 'cookie',
    label: 'Browser d cookie',
    description: "Slack's browser d cookie (xoxd-): it keeps a web session signed in for years; sign out of that session to end it.",
    prefix: 'xoxd-',
    confidence: 'medium',
    legacy: false,
    docsUrl: BEST_PRACTICES_URL,
    envVar: 'SLACK_D_COOKIE',
    revoke: 'browser-session',
    testable: false,
  },
  app: {
    id: 'app',
    label: 'App-level token',
    description: 'An app-level token (xapp-): long-lived, it opens Socket Mode connections for the app; revoke it in the app settings.',
    prefix: 'xapp-',
    confidence: 'high',
    legacy: false,
    docsUrl: TOKEN_TYPES_URL,
    envVar: 'SLACK_APP_TOKEN',
    revoke: 'app-settings',
    testable: true,
  },
  'config-access': {
    id: 'config-access',
    label: 'Rotating access token',
    description: 'A rotating access or app configuration token (xoxe.xoxb-, xoxe.xoxp-): it expires after 12 hours but works fully until then.',
    prefix: 'xoxe.xoxb-',
    confidence: 'high',
    legacy: false,
    docsUrl: ROTATION_URL,
    envVar: 'SLACK_ACCESS_TOKEN',
    revoke: 'api',
    testable: true,
  },
  'config-refresh': {
    id: 'config-refresh',
    label: 'Refresh token',
    description: 'A refresh token (xoxe-): it mints new access tokens for the app when token rotation is on.',
    prefix: 'xoxe-',
    confidence: 'high',
    legacy: false,
    docsUrl: ROTATION_URL,
    envVar: 'SLACK_REFRESH_TOKEN',
    revoke: 'api',
    testable: false,
  },
  workspace: {
    id: 'workspace',
    label: 'Legacy workspace-app token',
    description: 'A token of the retired workspace-apps preview (xoxa-, xoxr-): migrate the app to a current Slack app.',
    prefix: 'xoxa-',
    confidence: 'low',
    legacy: true,
    docsUrl: CLASSIC_APPS_URL,
    envVar: 'SLACK_ACCESS_TOKEN',
    revoke: 'api',
    testable: true,
  },
  'workflow-token': {
    id: 'workflow-token',
    label: 'Workflow token',
    description: 'A short-lived workflow token (xwfp-): it expires within about 15 minutes but works until then.',
    prefix: 'xwfp-',
    confidence: 'low',
    legacy: false,
    docsUrl: TOKEN_TYPES_URL,
    envVar: 'SLACK_WORKFLOW_TOKEN',
    revoke: 'expires',
    testable: false,
  },
  webhook: {
    id: 'webhook',
    label: 'Incoming webhook URL',
    description: "An incoming webhook URL: anyone holding it can post into its channel; remove it in the app's Incoming Webhooks settings.",
    prefix: 'hooks.slack.com/services/',
    confidence: 'high',
    legacy: false,
    docsUrl: WEBHOOKS_URL,
    envVar: 'SLACK_WEBHOOK_URL',
    revoke: 'webhook-settings',
    testable: false,
  },
  'workflow-webhook': {
    id: 'workflow-webhook',
    label: 'Workflow webhook URL',
    description: 'A workflow webhook URL: anyone holding it can start the workflow with their own data.',
    prefix: 'hooks.slack.com/workflows/',
    confidence: 'high',
    legacy: false,
    docsUrl: WORKFLOW_WEBHOOKS_URL,
    envVar: 'SLACK_WORKFLOW_WEBHOOK_URL',
    revoke: 'webhook-settings',
    testable: false,
  },
  trigger: {
    id: 'trigger',
    label: 'Workflow trigger URL',
    description: 'A workflow webhook trigger URL: anyone holding it can start the workflow.',
    prefix: 'hooks.slack.com/triggers/',
    confidence: 'high',
    legacy: false,
    docsUrl: TRIGGERS_URL,
    envVar: 'SLACK_TRIGGER_URL',
    revoke: 'webhook-settings',
    testable: false,
  },
  'signing-secret': {
    id: 'signing-secret',
    label: 'Signing secret',
    description: "An app's signing secret: anyone holding it can forge requests that look as if they came from Slack; regenerate it in the app settings.",
    prefix: '',
    confidence: 'medium',
    legacy: false,
    docsUrl: VERIFY_URL,
    envVar: 'SLACK_SIGNING_SECRET',
    revoke: 'app-settings',
    testable: false,
  },
  'client-secret': {
    id: 'client-secret',
    label: 'Client secret',
    description: "An app's OAuth client secret: with it anyone can complete installs as your app; regenerate it in the app settings.",
    prefix: '',
    confidence: 'medium',
    legacy: false,
    docsUrl: BEST_PRACTICES_URL,
    envVar: 'SLACK_CLIENT_SECRET',
    revoke: 'app-settings',
    testable: false,
  },
  'file-export': {
    id: 'file-export',
    label: 'File export token',
    description:
      "A file access token (xoxe-) of the kind Slack puts in files.slack.com links (?t=xoxe-…) of workspace exports: anyone holding it can download the workspace's private files those links point to.",
    prefix: 'xoxe-',
    confidence: 'high',
    legacy: false,
    docsUrl: EXPORT_URL,
    envVar: 'SLACK_FILE_TOKEN',
    revoke: 'api',
    testable: false,
  },
});

/** Every kind id, in table order (stable: SARIF rule indexes rely on it). */
export const KIND_IDS: readonly KindId[] = Object.freeze(Object.keys(KINDS) as KindId[]);

export function kindInfo(id: KindId): KindInfo {
  return KINDS[id];
}

/** Slack's guides that messages and the walkthrough link to. */
export const GUIDES = Object.freeze({
  legacyTokens: LEGACY_TOKENS_URL,
  retirement: 'https://api.slack.com/changelog/2020-02-legacy-test-token-creation-to-retire',
  legacyScopes: 'https://api.slack.com/legacy/scopes',
  classicApps: CLASSIC_APPS_URL,
  rotation: ROTATION_URL,
  bestPractices: BEST_PRACTICES_URL,
});
