// Preview open and activation, measured in a real workbench (code-server + headless Chromium, test/e2e/fixture.ts):
//  - click on a file row in the VideoGen tree → the preview's media is ready (video: first frame, `loadeddata`;
//    image: `load`), against a click on the same bytes in the Explorer → ready in VS Code's built-in media preview
//    (media-preview's vscode.videoPreview / imagePreview.previewEditor), alternating, median of ROUNDS opens each;
//  - activation as VS Code reports it in Developer: Show Running Extensions (code loading + activate call), and
//    the API requests the local server saw until the extension was active.
// Both times are taken inside the browser on one clock (performance.timeOrigin + now()): the pointerdown in the
// workbench page, and the media event in the webview's frame, so Playwright's polling adds nothing to either.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { EXTENSION_ID, patience, REPO, Workbench } from '../e2e/fixture';
import { median, type BenchRow } from './report';

export interface PreviewOpenOptions {
  /** code-server versions to measure (default 4.100.3 and 4.139.1). */
  versions?: string[];
  /** Opens per viewer and media kind (default 7). */
  rounds?: number;
}

const PREVIEW_TARGET = 1.1;
const ACTIVATION_TARGET_MS = 50;
const MEDIA_DIR = path.join(REPO, 'test', 'server', 'media');

/** The library file, and the workspace copy of the bytes its preview shows (previewSource for video, the original PNG for this image). */
const SUBJECTS = [
  { kind: 'video', label: 'Spring Launch Teaser', media: 'launch-teaser.preview.mp4' },
  { kind: 'image', label: 'Aurora Headphones — studio shot', media: 'product-shot.png' },
] as const;
type Subject = (typeof SUBJECTS)[number];

/**
 * Runs in every frame (Playwright adds it to child frames too): the workbench page records the last pointerdown,
 * every frame when its first video has a frame and its first image has loaded. A webview writes its page into its
 * frame with document.open(), which keeps the window (and the marks) but drops the listeners: they are added again
 * after each open(). An element's load event never reaches the window: it is caught on the document. An image that is added to the page only once loaded (the built-in image preview)
 * is marked when it is added.
 */
const MARKS_SCRIPT = `(() => {
  if (window.__vgMarks) return;
  const now = () => performance.timeOrigin + performance.now();
  const marks = (window.__vgMarks = {});
  const mark = (name) => { if (marks[name] === undefined) marks[name] = now(); };
  const isLoadedImage = (el) => el.tagName === 'IMG' && el.complete && el.naturalWidth > 0;
  const listen = () => {
    addEventListener('pointerdown', () => { marks.pointerdown = now(); }, true);
    addEventListener('loadeddata', (e) => e.target.tagName === 'VIDEO' && mark('video'), true);
    document.addEventListener('load', (e) => e.target && e.target.tagName && isLoadedImage(e.target) && mark('image'), true);
    new MutationObserver((records) => {
      for (const record of records) for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (isLoadedImage(node) || [...node.querySelectorAll('img')].some(isLoadedImage)) mark('image');
        if (node.tagName === 'VIDEO' && node.readyState >= 2) mark('video');
      }
    }).observe(document, { childList: true, subtree: true });
  };
  listen();
  const open = Document.prototype.open;
  Document.prototype.open = function (...args) {
    const result = open.apply(this, args);
    if (this === document) listen();
    return result;
  };
})();`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function workspaceWithMedia(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-bench-ws-'));
  for (const subject of SUBJECTS) fs.copyFileSync(path.join(MEDIA_DIR, subject.media), path.join(folder, subject.media));
  return folder;
}

async function markIn(frame: Frame, name: string): Promise<number | undefined> {
  return frame.evaluate((n) => (globalThis as unknown as { __vgMarks?: Record<string, number> }).__vgMarks?.[n], name).catch(() => undefined);
}

/** Waits until a frame of the page marks `kind` ready after the click; resolves the milliseconds from pointerdown. */
async function readyAfterClick(vs: Workbench, kind: Subject['kind']): Promise<number> {
  const clicked = await markIn(vs.page.mainFrame(), 'pointerdown');
  if (clicked === undefined) throw new Error('the click was not recorded');
  for (const end = Date.now() + patience(30_000); Date.now() < end; await sleep(50)) {
    for (const frame of vs.page.frames()) {
      if (frame === vs.page.mainFrame()) continue;
      const ready = await markIn(frame, kind);
      if (ready !== undefined && ready > clicked) return ready - clicked;
    }
  }
  throw new Error(`no ${kind} was ready within ${patience(30_000)} ms of the click`);
}

/** Runs a command from the palette, once more if the palette did not open (a key press lost under load). */
async function runCommand(vs: Workbench, title: string): Promise<void> {
  try {
    await vs.runCommand(title);
  } catch {
    await vs.page.keyboard.press('Escape');
    await vs.runCommand(title);
  }
}

async function closeEditors(vs: Workbench): Promise<void> {
  await runCommand(vs, 'View: Close All Editors');
  await vs.page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached', timeout: patience(10_000) });
}

/** Opens `label` with a single click in the view container `container` and measures it. Retries a lost click. */
async function openOnce(vs: Workbench, container: string, label: string, kind: Subject['kind']): Promise<number> {
  await closeEditors(vs);
  await vs.openView(container);
  await vs.page.mouse.move(1000, 700); // away from the activity bar: its hover would cover the row
  const row = vs.treeItem(label);
  await row.waitFor({ state: 'visible', timeout: patience(15_000) });
  for (let attempt = 1; ; attempt++) {
    await row.click();
    try {
      await vs.page.locator('.tab', { hasText: label }).first().waitFor({ timeout: patience(10_000) });
      return await readyAfterClick(vs, kind);
    } catch (error) {
      if (attempt >= 3) throw error;
      await closeEditors(vs);
    }
  }
}

/** "Activation: 23ms" of the extension in Developer: Show Running Extensions (code loading + activate call). */
async function reportedActivationMs(vs: Workbench): Promise<number> {
  await runCommand(vs, 'Developer: Show Running Extensions');
  const row = vs.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: EXTENSION_ID }).first();
  for (const end = Date.now() + patience(20_000); Date.now() < end; await sleep(200)) {
    const text = (await row.innerText({ timeout: 1000 }).catch(() => '')) ?? '';
    const match = /Activation:\s*(\d+)\s*ms/i.exec(text);
    if (match) return Number(match[1]);
  }
  throw new Error(`Show Running Extensions never showed the activation time of ${EXTENSION_ID}`);
}

async function measureVersion(version: string, rounds: number): Promise<BenchRow[]> {
  const vs = await Workbench.start({ version, workspaceFolder: workspaceWithMedia(), label: 'bench-preview' });
  try {
    await vs.page.addInitScript(MARKS_SCRIPT);
    await vs.page.evaluate(MARKS_SCRIPT);
    const vscodeVersion = vs.vscodeVersion.replace(/^(\d+\.\d+).*/, '$1');
    // Activation: the first open of the view activates the extension (no key yet: its welcome view shows).
    await vs.openView();
    const activationRequests = vs.server.requests.filter((r) => r.path.startsWith('/v1/')).length;
    const activationMs = await reportedActivationMs(vs);
    await closeEditors(vs);
    await runCommand(vs, 'VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((labels) => SUBJECTS.every((s) => labels.includes(s.label)), { timeout: patience(30_000) });
    const rows: BenchRow[] = [];
    for (const subject of SUBJECTS) {
      const ours: number[] = [];
      const builtIn: number[] = [];
      await openOnce(vs, 'VideoGen', subject.label, subject.kind); // warm-up: code paths, caches and codecs of both
      await openOnce(vs, 'Explorer', subject.media, subject.kind);
      for (let round = 0; round < rounds; round++) {
        ours.push(await openOnce(vs, 'VideoGen', subject.label, subject.kind));
        builtIn.push(await openOnce(vs, 'Explorer', subject.media, subject.kind));
      }
      const measured = median(ours);
      const baseline = median(builtIn);
      const ratio = measured / baseline;
      rows.push({
        figure: `preview open, ${subject.kind} (${vscodeVersion}), vs built-in preview`,
        measured: `${measured.toFixed(0)} ms`,
        baseline: `${baseline.toFixed(0)} ms`,
        ratio,
        target: `≤ ${PREVIEW_TARGET}×`,
        met: ratio <= PREVIEW_TARGET,
      });
    }
    rows.push(
      { figure: `activation time (${vscodeVersion})`, measured: `${activationMs} ms`, baseline: '-', ratio: null, target: `≤ ${ACTIVATION_TARGET_MS} ms`, met: activationMs <= ACTIVATION_TARGET_MS },
      { figure: `API requests during activation (${vscodeVersion})`, measured: String(activationRequests), baseline: '-', ratio: null, target: '0', met: activationRequests === 0 },
    );
    await closeEditors(vs);
    return rows;
  } finally {
    await vs.close();
  }
}

/** Preview open against the built-in media preview, and activation, on each code-server version. */
export async function benchPreviewOpen(options: PreviewOpenOptions = {}): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const version of options.versions ?? ['4.100.3', '4.139.1']) rows.push(...(await measureVersion(version, options.rounds ?? 7)));
  return rows;
}
