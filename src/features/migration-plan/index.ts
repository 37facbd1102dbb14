// Plan Migration to a Slack App: reads a workspace folder with the scan's own file listing and
// reader, computes the plan in src/core/migrate (nothing leaves the machine), and shows one
// webview page with the manifest and its actions. Network happens only on the page's Validate and
// Create with the API buttons, with the vault's app configuration token.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { KINDS } from '../../core/detect';
import { compareWithLegacy, createAppUrl, manifestJson, manifestYaml, planMigration, type MigrationPlan, type PlanInput } from '../../core/migrate';
import type { ManifestProblem } from '../../core/slack';
import { vouched } from '../caller';
import { Commands } from '../ids';
import type { Logger } from '../logger';
import { Cancelled, registerCommand, UserError } from '../run-command';
import { readScanMaxFileSize } from '../settings';
import { optionsArg, tokenIdOf, type TokenArg } from '../vault/commands/target';
import { clientFor, confirmNetworkAction, type TrustOptions } from '../vault/slack-service';
import type { StoredToken, TokenStore } from '../vault/token-store';
import { FolderScanContext, readUriText } from '../workspace-scan/scanner';
import { renderPlanPage } from './page';

export interface MigrationPlanDeps {
  store: TokenStore;
  logger: Logger;
}

export interface PlanCommandOptions extends TrustOptions {
  /** The workspace folder (its URI) in a multi-root workspace; otherwise a quick pick asks. */
  folder?: string;
  /** The legacy token (vault id) to compare with, when the command was not run on one. */
  token?: string;
}

/** A message from the page (or the test seam). */
/** The page's buttons (`data-action`) the extension answers; `open` comes from a call site's link. */
export const PAGE_ACTIONS = ['copy', 'save', 'openInSlack', 'validate', 'createApi', 'install', 'addToken', 'scan', 'revokeLegacy', 'testLegacy'] as const;
/** What the page's own script does with a button, without the extension. */
export const PAGE_LOCAL_ACTIONS: readonly string[] = ['toggle'];

export type PageMessage = { type: (typeof PAGE_ACTIONS)[number]; format?: 'yaml' | 'json' } | { type: 'open'; path: string; line: number; column: number };

export interface ActionReply {
  ok: boolean;
  text: string;
  /** validate/create: Slack's problems, against the manifest's JSON pointers. */
  problems?: ManifestProblem[];
  /** openInSlack/install: the URL opened (or that would be, with openExternal: false). */
  url?: string;
  /** Where save wrote. */
  saved?: string;
  /** The command a next-step button ran, and what it returned. */
  ran?: string;
  result?: unknown;
  /** create: the new app's id. */
  appId?: string;
}

/** What the command returns in the test extension host only: the page, and its messages driven directly. */
export interface PlanSession {
  plan: MigrationPlan;
  html: () => string;
  /**
   * Handles a page message. Test seam only: `seam.openExternal: false` records URLs instead of
   * opening them, `seam.saveTo` replaces the save dialog, `seam.commandOptions` is passed to the
   * next-step command (e.g. Add Token's token and label, Revoke's confirmation).
   */
  receive: (msg: PageMessage, seam?: { openExternal?: boolean; saveTo?: string; commandOptions?: object }) => Promise<ActionReply>;
  panel: vscode.WebviewPanel;
}

const MANIFEST_FILE = 'slack-app-manifest.yaml';

function isLegacyish(t: StoredToken): boolean {
  return !!t.legacy || !!KINDS[t.kind]?.legacy;
}

/** App configuration tokens (xoxe.xoxp-…) are the only ones apps.manifest.* accepts. */
function configTokens(store: TokenStore): StoredToken[] {
  return store.list().filter((t) => t.kind === 'config-access' && t.masked.startsWith('xoxe.xoxp-'));
}

async function pickFolder(options: PlanCommandOptions): Promise<vscode.WorkspaceFolder> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (options.folder) {
    const f = folders.find((x) => x.uri.toString() === options.folder);
    if (!f) throw new UserError(vscode.l10n.t('That folder is not open in this workspace.'));
    return f;
  }
  if (folders.length === 0) throw new UserError(vscode.l10n.t('Open a folder with the code that uses the legacy token, then plan the migration.'), [], 'info');
  if (folders.length === 1) return folders[0];
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Plan the Slack app for which folder?') });
  if (!picked) throw new Cancelled();
  return picked;
}

/**
 * The folder's files as the workspace scan lists and reads them (excludes, .gitignore, size limit,
 * binary sniff); with `within`, only those under that subfolder. Paths are relative to `within`
 * (or the workspace folder).
 */
async function* folderInputs(folder: vscode.WorkspaceFolder, within: vscode.Uri | undefined, maxFileSize: number, token: vscode.CancellationToken): AsyncGenerator<PlanInput> {
  const ctx = await FolderScanContext.create(folder);
  const base = (within ?? folder.uri).path.replace(/\/$/, '') + '/';
  for (const uri of await ctx.files(token)) {
    if (token.isCancellationRequested) throw new Cancelled();
    if (!uri.path.startsWith(base) || ctx.ignoresPath(uri)) continue;
    const rel = uri.path.slice(base.length);
    const read = await readUriText(uri, maxFileSize);
    if (read.status === 'text') yield { path: rel, text: read.text };
    else yield { path: rel, skipped: read.status === 'too-large' ? vscode.l10n.t('over slackTokenGuard.scan.maxFileSizeKB') : read.status };
  }
}

function nonce(): string {
  return randomBytes(18).toString('base64url');
}

export function registerMigrationPlan(context: vscode.ExtensionContext, deps: MigrationPlanDeps): vscode.Disposable {
  const { store, logger } = deps;
  let panel: vscode.WebviewPanel | undefined;
  let panelListener: vscode.Disposable | undefined;
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;

  const run = async (arg?: TokenArg | vscode.Uri, rawOptions?: unknown): Promise<PlanSession | undefined> => {
    const options = optionsArg<PlanCommandOptions>(rawOptions, context.extensionMode);
    // From the Explorer: a folder of the workspace; else the token the command was run on.
    const within = arg instanceof vscode.Uri ? arg : undefined;
    const workspaceFolder = within ? vscode.workspace.getWorkspaceFolder(within) : await pickFolder(options);
    if (!workspaceFolder) throw new UserError(vscode.l10n.t('That folder is not open in this workspace.'));
    const folder = within && within.path !== workspaceFolder.uri.path ? { ...workspaceFolder, name: within.path.split('/').pop() || workspaceFolder.name, uri: within } : workspaceFolder;
    const maxFileSize = readScanMaxFileSize();
    const plan = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading {0} for Slack API calls…', folder.name), cancellable: true },
      (_p, token) => planMigration(folderInputs(workspaceFolder, within, maxFileSize, token), { name: folder.name }),
    );
    logger.info(`migration plan for ${folder.name}: ${plan.filesRead} files, ${plan.methods.length} methods, ${plan.scopes.length} scopes, ${plan.unknownMethods.length + plan.dynamic.length} not mapped`);

    const argId = options.token ?? (within ? undefined : tokenIdOf((arg as TokenArg) ?? undefined));
    const legacyId = (): string | undefined => {
      if (argId && store.get(argId)) return argId;
      const legacy = store.list().filter(isLegacyish);
      return legacy.length === 1 ? legacy[0].id : undefined;
    };
    let created: { appId?: string; oauthAuthorizeUrl?: string } | undefined;

    const html = (webview: vscode.Webview) => {
      const id = legacyId();
      const t = id ? store.get(id) : undefined;
      const scopesKnown = !!t?.scopes?.length;
      return renderPlanPage(plan, {
        nonce: nonce(),
        cspSource: webview.cspSource,
        folderName: folder.name,
        hasConfigToken: configTokens(store).length > 0,
        legacy: t ? { label: t.label, masked: t.masked, scopesKnown, comparison: scopesKnown ? compareWithLegacy(t.scopes ?? [], plan) : undefined } : undefined,
      });
    };

    panelListener?.dispose();
    if (!panel) {
      panel = vscode.window.createWebviewPanel('slackTokenGuard.migrationPlan', vscode.l10n.t('Migration plan: {0}', folder.name), vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [],
      });
      panel.onDidDispose(() => {
        panel = undefined;
        panelListener?.dispose();
      });
    } else {
      panel.title = vscode.l10n.t('Migration plan: {0}', folder.name);
      panel.reveal();
    }
    const current = panel;
    current.webview.html = html(current.webview);

    const openUrl = async (url: string, seam?: { openExternal?: boolean }) => {
      if (seam?.openExternal !== false) await vscode.env.openExternal(vscode.Uri.parse(url, true));
    };

    const manifestCall = async (op: 'validate' | 'create', seamOptions: TrustOptions): Promise<ActionReply> => {
      const tokens = configTokens(store);
      if (!tokens.length) return { ok: false, text: vscode.l10n.t('The vault holds no app configuration token (xoxe.xoxp-…). Add one with Add Token, or use "Create this app in Slack".') };
      let t = tokens[0];
      if (tokens.length > 1) {
        const picked = await vscode.window.showQuickPick(tokens.map((x) => ({ label: x.label, description: x.masked, token: x })), { title: vscode.l10n.t('Which app configuration token?') });
        if (!picked) return { ok: false, text: vscode.l10n.t('Cancelled.') };
        t = picked.token;
      }
      const secret = await store.getSecret(t.id);
      if (!secret) return { ok: false, text: vscode.l10n.t('The token "{0}" is missing from Secret Storage.', t.label) };
      const client = clientFor(t.endpoint, logger);
      await confirmNetworkAction([client.endpoint], { ...options, ...seamOptions });
      const r = await client.appsManifest(op, secret, plan.manifest);
      switch (r.status) {
        case 'valid':
          if (op === 'validate') return { ok: true, text: vscode.l10n.t('Slack accepts this manifest.') };
          created = { appId: r.appId, oauthAuthorizeUrl: r.oauthAuthorizeUrl };
          return { ok: true, text: vscode.l10n.t('Slack created the app {0}. Install it next.', r.appId ?? ''), appId: r.appId };
        case 'invalid-manifest':
          return { ok: false, text: vscode.l10n.t('Slack found {0} problems in the manifest.', r.problems.length), problems: r.problems };
        case 'invalid':
          return { ok: false, text: vscode.l10n.t('The app configuration token "{0}" does not work: {1} Configuration tokens expire after 12 hours; create a new one at https://api.slack.com/apps.', t.label, r.message) };
        default:
          return { ok: false, text: r.error === 'not_allowed_token_type' ? vscode.l10n.t('Slack accepts only an app configuration token (xoxe.xoxp-…) for this.') : r.message };
      }
    };

    const nextStep = async (command: string, args: unknown[]): Promise<ActionReply> => {
      const result = await vscode.commands.executeCommand(command, ...args);
      return { ok: true, text: '', ran: command, result };
    };

    const receive: PlanSession['receive'] = async (msg, seam) => {
      const cmdOptions = seam?.commandOptions ?? {};
      switch (msg.type) {
        case 'copy': {
          await vscode.env.clipboard.writeText(msg.format === 'json' ? manifestJson(plan.manifest) : manifestYaml(plan.manifest));
          return { ok: true, text: msg.format === 'json' ? vscode.l10n.t('The manifest (JSON) is on the clipboard.') : vscode.l10n.t('The manifest (YAML) is on the clipboard.') };
        }
        case 'save': {
          const target = seam?.saveTo
            ? vscode.Uri.parse(seam.saveTo)
            : await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder.uri, MANIFEST_FILE), filters: { YAML: ['yaml', 'yml'] } });
          if (!target) return { ok: false, text: vscode.l10n.t('Cancelled.') };
          await vscode.workspace.fs.writeFile(target, Buffer.from(manifestYaml(plan.manifest), 'utf8'));
          return { ok: true, text: vscode.l10n.t('Saved {0}.', vscode.workspace.asRelativePath(target)), saved: target.toString() };
        }
        case 'openInSlack': {
          const url = createAppUrl(plan.manifest);
          await openUrl(url, seam);
          return { ok: true, text: vscode.l10n.t('Slack\'s "Create an app" page opened with the manifest filled in: pick the workspace and create the app, then install it.'), url };
        }
        case 'validate':
        case 'createApi': {
          const reply = await manifestCall(msg.type === 'validate' ? 'validate' : 'create', cmdOptions as TrustOptions);
          return reply;
        }
        case 'install': {
          // Slack's answer names the install page; anything but https on Slack's own hosts is not opened.
          const fromSlack = isSlackHttpsUrl(created?.oauthAuthorizeUrl) ? created?.oauthAuthorizeUrl : undefined;
          const url = fromSlack ?? (created?.appId ? `https://api.slack.com/apps/${encodeURIComponent(created.appId)}/install-on-team` : 'https://api.slack.com/apps');
          await openUrl(url, seam);
          return { ok: true, text: vscode.l10n.t('Install the app, then store its token with Add Token.'), url };
        }
        case 'addToken':
          return nextStep(Commands.addToken, [cmdOptions]);
        case 'scan':
          return nextStep(Commands.scanWorkspace, []);
        case 'revokeLegacy': {
          const id = legacyId();
          // The user pressed the page's button: the legacy token is this extension's own choice (../caller.ts).
          return nextStep(Commands.revokeToken, id ? [vouched({ id }), cmdOptions] : []);
        }
        case 'testLegacy': {
          const id = legacyId();
          if (!id) return { ok: false, text: vscode.l10n.t('No legacy token chosen.') };
          const reply = await nextStep(Commands.testToken, [vouched({ id }), cmdOptions]);
          if (panel === current) current.webview.html = html(current.webview);
          return reply;
        }
        case 'open': {
          // Only a path the plan listed: relative, inside the folder, on any platform's separators.
          const segments = String(msg.path).split(/[/\\]/);
          if (segments.some((s) => s === '..' || s === '' || s.includes(':'))) return { ok: false, text: vscode.l10n.t('Not a file of this folder.') };
          const uri = vscode.Uri.joinPath(folder.uri, ...segments);
          const pos = new vscode.Position(Math.max(0, msg.line - 1), Math.max(0, msg.column - 1));
          await vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), preview: true });
          return { ok: true, text: '' };
        }
        default: {
          // Every type PageMessage names has its case above (a new one without a case fails to compile).
          const unhandled: never = msg;
          logger.warn(`migration plan: the page sent an unknown message (${String((unhandled as { type?: unknown })?.type).slice(0, 40)})`);
          return { ok: false, text: '' };
        }
      }
    };

    panelListener = current.webview.onDidReceiveMessage(async (raw: unknown) => {
      const msg = raw as PageMessage;
      let reply: ActionReply;
      try {
        // The page cannot pass seams: only the test session can.
        reply = await receive(msg);
      } catch (e) {
        if (e instanceof Cancelled) return;
        logger.error(`migration plan: ${String((msg as { type?: unknown })?.type)} failed`, e);
        reply = { ok: false, text: e instanceof UserError ? e.message : vscode.l10n.t('The action failed. See the log for details.') };
      }
      if (reply.text) void current.webview.postMessage({ type: 'status', text: reply.text, error: !reply.ok, problems: reply.problems, next: reply.ok && (msg.type === 'createApi' || msg.type === 'openInSlack') });
    });

    if (!testMode) return undefined;
    return { plan, html: () => current.webview.html, receive, panel: current };
  };

  return vscode.Disposable.from(
    registerCommand(Commands.planMigration, (arg: TokenArg | vscode.Uri, options?: unknown) => run(arg, options), logger),
    { dispose: () => (panelListener?.dispose(), panel?.dispose()) },
  );
}

/** An https URL on slack.com or slack-gov.com (or a subdomain), with no credentials or port. */
export function isSlackHttpsUrl(u: string | undefined): u is string {
  if (!u) return false;
  try {
    const url = new URL(u);
    const host = url.hostname.toLowerCase();
    const slack = ['slack.com', 'slack-gov.com'].some((d) => host === d || host.endsWith(`.${d}`));
    return url.protocol === 'https:' && slack && url.port === '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
