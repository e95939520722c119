// Entry point of the preview webview (bundled to dist/webview/preview.js).

import type { HostToWebview } from '../../preview/protocol';
import { PreviewApp } from './app';
import { connectToHost } from './vscodeApi';

const api = connectToHost();
const root = document.getElementById('app');
if (root) {
  const app = new PreviewApp(root, api);
  window.addEventListener('message', (event: MessageEvent<HostToWebview>) => app.receive(event.data));
  api.postMessage({ type: 'ready' });
}
