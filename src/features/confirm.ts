// A modal for an action that cannot be undone. VS Code focuses the first button an extension
// passes (so Enter presses it) and adds its own Cancel for Escape. The first button here is
// therefore one that changes nothing: Enter and Escape both cancel, and the irreversible action
// takes a click (or Tab to it).
import * as vscode from 'vscode';

/** The buttons in the order VS Code receives them: the safe one first, then the actions. */
export function irreversibleButtons(safe: string, actions: readonly string[]): string[] {
  return [safe, ...actions];
}

/** Shows the modal; resolves to the action picked, or undefined for the safe button, Cancel or Escape. */
export async function confirmIrreversible(message: string, detail: string, safe: string, actions: readonly string[]): Promise<string | undefined> {
  const picked = await vscode.window.showWarningMessage(message, { modal: true, detail }, ...irreversibleButtons(safe, actions));
  return picked === safe ? undefined : picked;
}
