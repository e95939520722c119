import type { PreviewWebviewState, WebviewToHost } from '../../preview/protocol';

/** The part of the webview API this page uses. */
export interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): PreviewWebviewState | undefined;
  setState(state: PreviewWebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Can be called only once per page load. */
export function connectToHost(): VsCodeApi {
  return acquireVsCodeApi();
}
