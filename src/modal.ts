import * as vscode from 'vscode';

/** Shows a modal question and resolves the button picked, or undefined for Cancel / Escape. */
export type ModalQuestion = (message: string, detail: string, buttons: readonly string[]) => Thenable<string | undefined>;

const showModal: ModalQuestion = (message, detail, buttons) => vscode.window.showWarningMessage(message, { modal: true, detail }, ...buttons);

let ask: ModalQuestion = showModal;

/** The modal confirmations of destructive or publishing commands (Archive, Copy Public Link) go through here. */
export function askModal(message: string, detail: string, buttons: readonly string[]): Thenable<string | undefined> {
  return ask(message, detail, buttons);
}

/**
 * Integration tests only (reached through src/testHooks.ts, which exists in ExtensionMode.Test alone): a test
 * answers the modal itself, since the extension host cannot click a dialog. Disposing restores the real dialog.
 */
export function answerModalsForTests(answer: ModalQuestion): vscode.Disposable {
  ask = answer;
  return new vscode.Disposable(() => {
    if (ask === answer) ask = showModal;
  });
}
