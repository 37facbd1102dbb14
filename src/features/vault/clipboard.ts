// Copy Token puts a secret on the system clipboard, where every program can read it and clipboard
// histories keep it. Like password managers, the vault takes it off again after a short time, but
// only if the clipboard still holds it (whatever the user copied since is left alone).
import * as vscode from 'vscode';

export const CLIPBOARD_CLEAR_SECONDS = 30;

export class ClipboardGuard implements vscode.Disposable {
  private pending: { timer: NodeJS.Timeout; value: string } | undefined;

  constructor(private readonly clipboard: vscode.Clipboard = vscode.env.clipboard) {}

  /** Copies `secret` and schedules the clear; a shorter delay (tests) is allowed, never a longer one. */
  async copy(secret: string, seconds = CLIPBOARD_CLEAR_SECONDS): Promise<number> {
    const delay = Math.min(CLIPBOARD_CLEAR_SECONDS, Math.max(0, seconds));
    this.cancel();
    await this.clipboard.writeText(secret);
    this.pending = { value: secret, timer: setTimeout(() => void this.clearIfUnchanged(), delay * 1000) };
    return delay;
  }

  /** Empties the clipboard if it still holds the copied secret; true when it did. */
  async clearIfUnchanged(): Promise<boolean> {
    const p = this.pending;
    this.cancel();
    if (!p) return false;
    try {
      if ((await this.clipboard.readText()) !== p.value) return false;
      await this.clipboard.writeText('');
      return true;
    } catch {
      return false;
    }
  }

  private cancel(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
  }

  dispose(): void {
    // Closing the window does not leave the token behind either.
    void this.clearIfUnchanged();
  }
}
