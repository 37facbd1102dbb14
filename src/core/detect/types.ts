// The detector's public contract. Everything outside src/core/detect (CLI, editor glue, vault)
// depends only on these types and on the functions exported from ./index.ts.

/** Every credential kind the detector knows; one row each in the kinds table (kinds.ts). */
export type KindId =
  | 'bot' // xoxb-<d>-<d>-<secret>
  | 'bot-legacy' // xoxb-<d>-<secret>: classic custom-bot token
  | 'user' // xoxp-<d>-<d>-<d>-<32 hex>: OAuth user token or legacy tester token (same shape)
  | 'user-short' // xoxp-<d>-<d>-<d>-<6-10 alnum>: pre-2016 user token
  | 'legacy-session' // xoxs-, xoxo-
  | 'client' // xoxc- browser session token
  | 'cookie' // xoxd- browser `d` cookie
  | 'app' // xapp- app-level token
  | 'config-access' // xoxe.xoxb-, xoxe.xoxp- rotating access / app configuration token
  | 'config-refresh' // xoxe- refresh token
  | 'file-export' // xoxe-<d>-<d>-<d>-<32 hex>: file access token in files.slack.com links of workspace exports
  | 'workspace' // xoxa-, xoxa-2-, xoxr- legacy workspace-app tokens
  | 'workflow-token' // xwfp-
  | 'webhook' // hooks.slack.com/services/…
  | 'workflow-webhook' // hooks.slack.com/workflows/…
  | 'trigger' // hooks.slack.com/triggers/…
  | 'signing-secret' // 32 hex after a key such as SLACK_SIGNING_SECRET
  | 'client-secret'; // 32 hex after a key such as SLACK_CLIENT_SECRET

export type Confidence = 'high' | 'medium' | 'low';

/** One credential in a text. Offsets are UTF-16 code units, `end` exclusive, covering the whole credential. */
export interface Finding {
  kind: KindId;
  start: number;
  end: number;
  confidence: Confidence;
  legacy: boolean;
  /**
   * How the credential is written when not as one plain run: `split` across string literals joined
   * by `+`, `.` or adjacency (the span runs from the first literal's content to the last one's),
   * `base64` (the span is the encoded text). credentialText() reads the credential back.
   */
  form?: CredentialForm;
}

export type CredentialForm = 'split' | 'base64';

/** How Slack lets a kind be revoked. */
export type RevokeRoute =
  | 'api' // auth.revoke works
  | 'app-settings' // only in the app's settings page (xapp-, signing/client secrets)
  | 'webhook-settings' // remove the webhook in the app's Incoming Webhooks settings
  | 'browser-session' // sign out of the browser session
  | 'expires'; // short-lived; let it expire

export interface KindInfo {
  id: KindId;
  /** Short name for users, e.g. "Bot token". */
  label: string;
  /** One sentence for users on what the credential can do and why it matters. */
  description: string;
  /** The prefix users recognise, e.g. "xoxb-" or "hooks.slack.com/services/" ("" for secrets without one). */
  prefix: string;
  confidence: Confidence;
  legacy: boolean;
  /** Slack's page for this kind; diagnostics link to it. */
  docsUrl: string;
  /** Environment variable proposed when the literal is replaced by a reference. */
  envVar: string;
  revoke: RevokeRoute;
  /** Whether auth.test can check it (tokens yes, webhooks and secrets no). */
  testable: boolean;
}

/** A change to a text, in the same form as VS Code's TextDocumentContentChangeEvent offsets. */
export interface TextChange {
  /** Offset in the *old* text where the replaced range starts. */
  rangeOffset: number;
  /** Length of the replaced range in the old text. */
  rangeLength: number;
  /** The inserted text. */
  text: string;
}
