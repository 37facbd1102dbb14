// `slack-token-guard manifest`: the Slack app manifest the code needs, from the same file walk as
// `scan`. The manifest goes to stdout; --explain, skipped files and errors go to stderr.
import * as path from 'node:path';
import type { ManifestArgs } from './args';
import { explainPlan, manifestJson, manifestYaml, planMigration, type PlanInput } from '../core/migrate';
import { readFileText } from '../core/scan-file';
import { resolveInputs, toDisplay, walkInputs, type RunContext } from './run-scan';

export type ManifestContext = Pick<RunContext, 'cwd' | 'log' | 'env'> & { write: (text: string) => void };

/** The plan's inputs: every walked file read as text, or the reason it was skipped. */
function* planInputs(args: ManifestArgs, ctx: ManifestContext, onError: (abs: string, code: string) => void): Generator<PlanInput> {
  const inputs = resolveInputs(args, ctx);
  for (const entry of walkInputs(inputs, args, ctx, onError)) {
    const display = toDisplay(ctx.cwd, entry.abs);
    const read = readFileText(entry.abs, args.maxFileSize);
    if (read.text !== undefined) yield { path: display, text: read.text };
    else if (read.status === 'binary') yield { path: display, skipped: 'binary' };
    else if (read.status === 'too-large') yield { path: display, skipped: `over --max-file-size (${read.size ?? 0} bytes)` };
    else if (read.status === 'unreadable') yield { path: display, skipped: `unreadable (${read.error ?? 'error'})` };
  }
}

function defaultName(args: ManifestArgs, cwd: string): string {
  const base = path.basename(path.resolve(cwd, args.paths[0]));
  return base && base !== path.sep ? base : 'My Slack App';
}

export async function runManifest(args: ManifestArgs, ctx: ManifestContext): Promise<number> {
  const unreadable: string[] = [];
  const files = planInputs(args, ctx, (abs, code) => unreadable.push(`${toDisplay(ctx.cwd, abs)} (${code})`));
  const plan = await planMigration(files, { name: args.name ?? defaultName(args, ctx.cwd) });
  for (const u of unreadable) ctx.log(`slack-token-guard: cannot read ${u}: skipped`);
  if (plan.empty) {
    ctx.log(`slack-token-guard: no Slack Web API calls found (${plan.filesRead} ${plan.filesRead === 1 ? 'file' : 'files'} read): no manifest to print`);
    if (args.explain) ctx.log(explainPlan(plan).trimEnd());
    return 1;
  }
  ctx.write(args.format === 'json' ? manifestJson(plan.manifest) : manifestYaml(plan.manifest));
  if (args.explain) ctx.log(explainPlan(plan).trimEnd());
  else if (args.verbose) for (const s of plan.skipped) ctx.log(`skipped ${s.path}: ${s.reason}`);
  const open = plan.unknownMethods.length + plan.dynamic.length + plan.listeners.filter((l) => l.problem).length;
  if (open && !args.explain) ctx.log(`slack-token-guard: ${open} Slack ${open === 1 ? 'use' : 'uses'} could not be mapped to scopes (unknown or dynamic names): see --explain`);
  return 0;
}
