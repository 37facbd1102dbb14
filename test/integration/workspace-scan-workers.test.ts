// Scan Workspace on worker threads (dist/scan-worker.js) against the same scan on the extension
// host's thread (the fallback when workers cannot start): the same findings, positions, masks,
// fingerprints and counts over a generated folder of many file types; and a cancelled scan ends
// its worker threads before the command returns.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ExtensionTestApi } from '../../src/extension';
import { Commands } from '../../src/features/ids';
import type { FileNode } from '../../src/features/workspace-scan/findings-tree';
import type { ScanSummary } from '../../src/features/workspace-scan/scanner';
import { generateCorpus } from '../support/corpus';
import { closeAllWithoutSaving, editorApi, logText, removeScratch, scratchFile, Tokens } from './editor-helpers';

const tokens = new Tokens(1313);
const FILES = 300;

function scan(options?: object): Thenable<ScanSummary> {
  return vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspace, options);
}

/** Every finding of the last scan as the Findings view holds it, file by file, sorted. */
function findings(api: ExtensionTestApi): string[] {
  const out: string[] = [];
  for (const file of api.editor.findingsTree.getChildren() as FileNode[]) {
    for (const f of file.findings) {
      const { kind, confidence, legacy, line, column, endLine, endColumn, fingerprint, masked, range } = f;
      const at = `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
      out.push(`${vscode.workspace.asRelativePath(file.uri, false)} ${line}:${column}-${endLine}:${endColumn} ${at} ${kind} ${confidence} ${legacy} ${fingerprint} ${masked}`);
    }
  }
  return out.sort();
}

/** The scan's Problems entries (files that are not open): message, range and severity. */
function problems(api: ExtensionTestApi): string[] {
  const out: string[] = [];
  api.editor.scanDiagnostics.forEach((uri, ds) => {
    for (const d of ds) out.push(`${vscode.workspace.asRelativePath(uri, false)} ${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.message}`);
  });
  return out.sort();
}

/** Threads of this process (the extension host) on Linux, where the integration tests run. */
function threadCount(): number {
  return fs.readdirSync('/proc/self/task').length;
}

const counts = (s: ScanSummary) => ({ candidates: s.candidates, scanned: s.scanned, skipped: s.skipped, findings: s.findings, cancelled: s.cancelled });

suite('Scan: worker threads', () => {
  let api: ExtensionTestApi;

  suiteSetup(async () => {
    api = await editorApi();
    await closeAllWithoutSaving();
    let planted = 0;
    for (const f of generateCorpus({ seed: 13, files: FILES, tokenRate: 8, negativeRate: 12 })) {
      for (const e of f.expected) tokens.seen.push(f.content.slice(e.start, e.end));
      planted += f.expected.length;
      await scratchFile(`workers/${f.path}`, f.content);
    }
    assert.ok(planted > 50, `the generated folder holds credentials (${planted})`);
    // The statuses other than "scanned": binary, too large, UTF-16 with a BOM.
    await scratchFile('workers/blob.bin', `\u0000\u0001 ${tokens.make('bot')}`);
    await scratchFile('workers/big.txt', `t=${tokens.make('user')}\n${'x'.repeat(6 * 1024 * 1024)}\n`);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`key = "${tokens.make('app')}"\n`, 'utf16le')]);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.stg-editor-tmp', 'workers', 'utf16.txt'), utf16);
  });

  suiteTeardown(async () => {
    await removeScratch();
    await vscode.commands.executeCommand(Commands.clearFindings);
    tokens.assertAbsent(logText(api), 'the extension log');
  });

  test('the worker threads and the in-thread path give the same findings, Problems entries and counts', async () => {
    const onWorkers = await scan();
    assert.ok(onWorkers.workers >= 1, `scanned on worker threads (${onWorkers.workers})`);
    // Every file not ignored by path was read and scanned on the workers: none fell back to the host's thread.
    const sk = onWorkers.skipped;
    assert.equal(onWorkers.onWorkers, onWorkers.scanned + sk.binary + sk.tooLarge + sk.unreadable, `every file's outcome came from the workers (${onWorkers.onWorkers})`);
    assert.ok(onWorkers.onWorkers >= FILES, `the generated folder was scanned on the workers (${onWorkers.onWorkers})`);
    assert.doesNotMatch(logText(api), /scan worker threads (failed|unavailable)/, 'no fallback was logged');
    const workerFindings = findings(api);
    const workerProblems = problems(api);
    const inThread = await scan({ inThread: true });
    assert.equal(inThread.workers, 0, "scanned on the extension host's thread");
    assert.equal(inThread.onWorkers, 0);
    assert.deepEqual(counts(onWorkers), counts(inThread));
    assert.ok(onWorkers.findings > 50, `found the generated credentials (${onWorkers.findings})`);
    assert.ok(onWorkers.skipped.binary >= 1 && onWorkers.skipped.tooLarge >= 1, `binary and oversized files skipped (${JSON.stringify(onWorkers.skipped)})`);
    assert.ok(workerFindings.some((f) => f.startsWith('.stg-editor-tmp/workers/utf16.txt ')), 'the UTF-16 file is decoded on the workers');
    assert.deepEqual(workerFindings, findings(api));
    assert.deepEqual(workerProblems, problems(api));
    assert.ok(workerProblems.length > 0);
  });

  test('when the worker threads fail part-way, this thread finishes the scan: the same findings, no file counted or shown twice', async () => {
    const clean = await scan();
    assert.equal(clean.onWorkers, clean.candidates - clean.skipped.ignored, 'the clean scan ran wholly on the workers');
    const cleanFindings = findings(api);
    const cleanProblems = problems(api);
    const logBefore = logText(api).length;
    // The replies stop counting after about a third of the files: batches in flight then fail too.
    const after = Math.floor(clean.candidates / 3);
    const faulty = await scan({ faultAfterFiles: after });
    assert.equal(faulty.cancelled, false);
    assert.ok(faulty.workers >= 1, `the scan started on worker threads (${faulty.workers})`);
    assert.ok(faulty.onWorkers >= after && faulty.onWorkers < clean.onWorkers, `part of the files came from the workers (${faulty.onWorkers} of ${clean.onWorkers}), the rest from this thread`);
    assert.match(logText(api).slice(logBefore), /scan worker threads failed: scanning the rest/, 'the fallback is logged');
    // Each file counted once: the counts add up to the files listed, exactly as in the clean scan.
    assert.deepEqual(counts(faulty), counts(clean));
    const s = faulty.skipped;
    assert.equal(faulty.scanned + s.binary + s.tooLarge + s.ignored + s.unreadable, faulty.candidates);
    assert.deepEqual(findings(api), cleanFindings);
    // Problems holds each finding once (a file published twice would not add entries, one scanned
    // twice into the same batch would): the same entries, and one collection entry per file.
    assert.deepEqual(problems(api), cleanProblems);
    let files = 0;
    api.editor.scanDiagnostics.forEach(() => files++);
    assert.equal(files, new Set(cleanProblems.map((p) => p.split(' ')[0])).size);
    // The seam is off again: the next scan runs wholly on the workers.
    const again = await scan();
    assert.equal(again.onWorkers, clean.onWorkers);
  });

  test('while the folders are still listed: files are scanned, a pool failure falls back without losing or doubling a file', async () => {
    const clean = await scan();
    const cleanFindings = findings(api);
    const cleanProblems = problems(api);
    // 16 files handed over at a time, each scanned before the next are listed: the scan overlaps the listing.
    const overlapped = await scan({ listSlice: 16 });
    assert.deepEqual(counts(overlapped), counts(clean));
    assert.equal(overlapped.onWorkers, clean.onWorkers, 'every file scanned on the workers');
    assert.ok(overlapped.outcomesWhileListing >= overlapped.candidates - 16, `outcomes recorded while listing (${overlapped.outcomesWhileListing} of ${overlapped.candidates})`);
    assert.deepEqual(findings(api), cleanFindings);
    // The pool fails after 32 files, while most of the folder is not listed yet.
    const logBefore = logText(api).length;
    const faulty = await scan({ listSlice: 16, faultAfterFiles: 32 });
    assert.equal(faulty.cancelled, false);
    assert.ok(faulty.onWorkers >= 32 && faulty.onWorkers < clean.onWorkers / 2, `only the first files came from the workers (${faulty.onWorkers} of ${clean.onWorkers})`);
    // Files this thread judged while the listing went on: the fallback started before the listing ended.
    assert.ok(faulty.outcomesWhileListing - faulty.onWorkers > 16, `the fallback scanned while listing (${faulty.outcomesWhileListing} while listing, ${faulty.onWorkers} from the workers)`);
    assert.match(logText(api).slice(logBefore), /scan worker threads failed: scanning the rest/);
    // Every file listed after the failure is scanned too, and none twice.
    assert.deepEqual(counts(faulty), counts(clean));
    const s = faulty.skipped;
    assert.equal(faulty.scanned + s.binary + s.tooLarge + s.ignored + s.unreadable, faulty.candidates);
    assert.deepEqual(findings(api), cleanFindings);
    assert.deepEqual(problems(api), cleanProblems);
  });

  test('cancel while the folders are still listed stops the listing and the scan at the cancel point', async () => {
    const full = await scan();
    const before = threadCount();
    const cancelled = await scan({ listSlice: 16, cancelAfterFiles: 20 });
    assert.equal(cancelled.cancelled, true);
    const s = cancelled.skipped;
    assert.equal(cancelled.scanned + s.binary + s.tooLarge + s.ignored + s.unreadable, 20, 'no file is counted after the cancel');
    assert.equal(cancelled.outcomesWhileListing, 20, 'every outcome came while the listing was going');
    assert.ok(cancelled.candidates < full.candidates / 2, `the listing stopped early (${cancelled.candidates} of ${full.candidates} listed)`);
    assert.ok(threadCount() <= before, `the scan's worker threads have ended (${threadCount()} threads now, ${before} before)`);
    const again = await scan();
    assert.deepEqual(counts(again), counts(full));
  });

  test('when the pool fails, its threads end before this thread finishes the rest', async () => {
    // A first fallback: helper threads the host starts lazily exist, the scan's own have ended.
    const warm = await scan({ listSlice: 16, faultAfterFiles: 32 });
    assert.ok(warm.workers >= 1);
    const before = threadCount();
    // The threads of this process each time the scan hands a file's findings over.
    const samples: number[] = [];
    const tree = api.editor.findingsTree;
    const set = tree.set;
    tree.set = function (...args: Parameters<typeof set>) {
      samples.push(threadCount());
      return set.apply(this, args);
    };
    let faulty: ScanSummary;
    try {
      faulty = await scan({ listSlice: 16, faultAfterFiles: 32 });
    } finally {
      tree.set = set;
    }
    assert.ok(faulty.onWorkers < faulty.candidates / 2 && samples.length > 10, `most files on this thread (${faulty.onWorkers} of ${faulty.candidates}), ${samples.length} files handed over`);
    // The last files are the fallback's: by then the worker threads have ended.
    assert.ok(samples[samples.length - 1] <= before, `threads during the end of the fallback: ${samples.slice(-3).join(', ')}; ${before} without the scan's`);
  });

  test('a listing that fails part-way stops the scan at once: no unhandled rejection, nothing partial published', async () => {
    const clean = await scan();
    assert.ok(api.editor.findingsTree.fileCount() > 0);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const logBefore = logText(api).length;
    try {
      // Most of the folder is listed (and, 16 at a time, scanned) before the listing fails.
      const failed = await scan({ listSlice: 16, faultListingAfterFiles: clean.candidates - 16 });
      assert.equal(failed, undefined, 'the command failed (its error is shown and logged)');
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.removeListener('unhandledRejection', onUnhandled);
    }
    assert.equal(unhandled.length, 0, 'no unhandled rejection');
    assert.match(logText(api).slice(logBefore), /injected fault: the listing failed/, 'the failure is logged');
    // The files scanned before the failure are not shown as if the scan were complete.
    assert.equal(api.editor.findingsTree.fileCount(), 0, 'the Findings view holds nothing of the failed scan');
    let files = 0;
    api.editor.scanDiagnostics.forEach(() => files++);
    assert.equal(files, 0, 'Problems holds nothing of the failed scan');
    assert.equal(api.editor.findingsView.message, undefined);
    // The seam is off again: the next scan is whole.
    assert.deepEqual(counts(await scan()), counts(clean));
  });

  test('cancel stops the scan at once and ends the worker threads before the command returns', async () => {
    // A finished scan first: helper threads the host starts lazily exist, the scan's own have ended.
    const full = await scan();
    assert.equal(full.cancelled, false);
    const before = threadCount();
    const cancelled = await scan({ cancelAfterFiles: 20 });
    assert.equal(cancelled.cancelled, true);
    assert.ok(cancelled.workers >= 1, `the cancelled scan ran on worker threads (${cancelled.workers})`);
    const s = cancelled.skipped;
    assert.equal(cancelled.scanned + s.binary + s.tooLarge + s.ignored + s.unreadable, 20, 'no file is counted after the cancel');
    assert.ok(cancelled.candidates > FILES);
    assert.ok(threadCount() <= before, `the scan's worker threads have ended (${threadCount()} threads now, ${before} before)`);
    // And the next scan starts fresh workers and finds everything again.
    const again = await scan();
    assert.deepEqual(counts(again), counts(full));
  });
});
