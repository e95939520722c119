// Stands in for `vscode.window.createQuickPick` so a test can type into a picker and accept an item; the code under
// test drives it like the real one.
import * as vscode from 'vscode';

export class FakeQuickPick {
  items: readonly (vscode.QuickPickItem & { file?: { fileId: string } })[] = [];
  selectedItems: readonly vscode.QuickPickItem[] = [];
  activeItems: readonly vscode.QuickPickItem[] = [];
  value = '';
  busy = false;
  title = '';
  placeholder = '';
  matchOnDescription = false;
  matchOnDetail = false;
  disposed = false;
  private readonly valueChanged = new vscode.EventEmitter<string>();
  private readonly accepted = new vscode.EventEmitter<void>();
  private readonly hidden = new vscode.EventEmitter<void>();
  readonly onDidChangeValue = this.valueChanged.event;
  readonly onDidAccept = this.accepted.event;
  readonly onDidHide = this.hidden.event;
  show(): void {}
  hide(): void {
    this.hidden.fire();
  }
  dispose(): void {
    this.disposed = true;
  }
  /** Typing; the picker under test sets `busy` itself (tests check that it does). */
  type(value: string): void {
    this.value = value;
    this.valueChanged.fire(value);
  }
  accept(item: vscode.QuickPickItem): void {
    this.selectedItems = [item];
    this.accepted.fire();
  }
}

/** Makes `vscode.window.createQuickPick` hand out `fake` until the returned function is called. */
export function useFakeQuickPick(fake: FakeQuickPick): () => void {
  const window = vscode.window as unknown as { createQuickPick(): unknown };
  const real = window.createQuickPick;
  window.createQuickPick = () => fake;
  return () => (window.createQuickPick = real);
}
