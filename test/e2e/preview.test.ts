// The media preview in a real workbench: opened from the Files tree, checked inside its webview frame.
import { strict as assert } from 'node:assert';
import type { Frame } from 'playwright-core';
import { patience, useWorkbench } from './fixture';

const HOSTILE_NAME = `<img src=x onerror=alert(1)>"'&`;
const HOSTILE_DESCRIPTION = '<script>window.__pwned = true</script><img src=y onerror="window.__pwned = true">';

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

// What the checks below touch inside the webview page. This project compiles without the DOM library, and
// functions passed to frame.evaluate() run in the page, so they reach its globals through `globalThis`.
interface PageElement {
  readonly textContent: string | null;
  readonly nextElementSibling: PageElement | null;
  readonly classList: { contains(name: string): boolean };
}
interface PageImage extends PageElement {
  readonly complete: boolean;
  readonly naturalWidth: number;
  readonly clientWidth: number;
  readonly src: string;
}
interface PageMedia extends PageElement {
  readonly readyState: number;
  readonly currentSrc: string;
  currentTime: number;
  muted: boolean;
  play(): Promise<void>;
  pause(): void;
  canPlayType(type: string): string;
}
interface PageGlobals {
  document: {
    readonly body: PageElement;
    readonly activeElement: PageElement | null;
    querySelector<T extends PageElement = PageElement>(selector: string): T | null;
    querySelectorAll(selector: string): Iterable<PageElement>;
    createElement(tag: 'video'): PageMedia;
  };
  __pwned?: boolean;
}

describe('Media preview in the workbench', function () {
  this.timeout(patience(180_000));
  const vs = useWorkbench();
  const dialogs: string[] = [];

  before(async () => {
    vs.server.addFile({ displayName: HOSTILE_NAME, media: 'product-shot', urls: 'fresh', description: HOSTILE_DESCRIPTION });
    vs.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await vs.openView();
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((labels) => labels.includes('Mountain at sunrise'), { timeout: patience(30_000) });
  });

  /** Opens a file's preview with the inline action of its tree row; resolves the preview's content frame. */
  async function openFromTree(label: string): Promise<Frame> {
    const row = vs.treeItem(label);
    await row.hover();
    await row.locator('.action-label[aria-label="Open Preview"]').click();
    await vs.page.mouse.move(1000, 700); // no hover tooltip in the screenshots
    await vs.page.locator('.tab', { hasText: label }).first().waitFor({ timeout: patience(15_000) });
    const frame = await vs.webviewFrame({ selector: 'main#app .title' });
    await frame.waitForFunction((name) => (globalThis as unknown as PageGlobals).document.querySelector('.title')?.textContent === name, label, { timeout: patience(15_000) });
    return frame;
  }

  async function closeEditors(): Promise<void> {
    await vs.runCommand('View: Close All Editors');
    await vs.page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached', timeout: patience(10_000) });
  }

  /** Plays the media element (muted: no autoplay policy applies) and waits until its position moves. */
  async function playAndAdvance(frame: Frame, selector: string): Promise<number> {
    await frame.waitForFunction((s) => ((globalThis as unknown as PageGlobals).document.querySelector<PageMedia>(s)?.readyState ?? 0) >= 1, selector, { timeout: patience(15_000) });
    await frame.evaluate(async (s) => {
      const media = (globalThis as unknown as PageGlobals).document.querySelector<PageMedia>(s);
      if (!media) throw new Error(`no ${s}`);
      media.muted = true;
      await media.play();
    }, selector);
    await frame.waitForFunction((s) => ((globalThis as unknown as PageGlobals).document.querySelector<PageMedia>(s)?.currentTime ?? 0) > 0.3, selector, { timeout: patience(15_000) });
    return frame.evaluate((s) => (globalThis as unknown as PageGlobals).document.querySelector<PageMedia>(s)?.currentTime ?? 0, selector);
  }

  async function details(frame: Frame): Promise<Record<string, string>> {
    return frame.evaluate(() => {
      const out: Record<string, string> = {};
      for (const dt of (globalThis as unknown as PageGlobals).document.querySelectorAll('.details dt')) out[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? '';
      return out;
    });
  }

  afterEach(closeEditors);

  it('shows an image with its details and toolbar', async () => {
    const frame = await openFromTree('Aurora Headphones — studio shot');
    await frame.waitForFunction(() => {
      const image = (globalThis as unknown as PageGlobals).document.querySelector<PageImage>('img.media');
      return image !== null && image.complete && image.naturalWidth > 0;
    }, undefined, { timeout: patience(15_000) });
    const facts = await details(frame);
    assert.equal(facts['Type'], 'Image');
    assert.equal(facts['Dimensions'], '640×480');
    // The 320×240 preview would be blurred at this size: the 640×480 original is shown, never wider than it is.
    const shown = await frame.evaluate(() => {
      const image = (globalThis as unknown as PageGlobals).document.querySelector<PageImage>('img.media')!;
      return { src: image.src, natural: image.naturalWidth, drawn: image.clientWidth };
    });
    assert.match(shown.src, /\/download\.png\?/);
    assert.equal(shown.natural, 640);
    assert.ok(shown.drawn <= shown.natural, `drawn ${shown.drawn} px wide, natural ${shown.natural} px`);
    assert.match(facts['File ID'] ?? '', /^vg_file_/);
    const buttons = await frame.locator('.toolbar button').allInnerTexts();
    for (const label of ['Copy File ID', 'Copy Download URL', 'Insert File ID', 'Open in VideoGen']) assert.ok(buttons.includes(label), `${label} in ${buttons}`);
    await vs.screenshot('preview-image');
  });

  it('plays a video; an MP4 this browser cannot decode is explained, not shown broken', async () => {
    const frame = await openFromTree('Product Demo — Sneaker Spin');
    const mp4 = await frame.evaluate(() => (globalThis as unknown as PageGlobals).document.createElement('video').canPlayType('video/mp4'));
    const position = await playAndAdvance(frame, 'video.media');
    assert.ok(position > 0.3);
    const playing = await frame.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelector<PageMedia>('video.media')?.currentSrc ?? '');
    // The 720p MP4 preview comes first; without H.264 the WebM download is played instead.
    assert.match(playing, mp4 === '' ? /\/download\.webm\?/ : /\/preview\.mp4\?/);
    await frame.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelector<PageMedia>('video.media')?.pause());
    await vs.screenshot('preview-video');
    await closeEditors();

    const teaser = await openFromTree('Spring Launch Teaser');
    await teaser.waitForFunction(() => {
      const page = (globalThis as unknown as PageGlobals).document;
      return page.querySelector('.stage-text') !== null || (page.querySelector<PageMedia>('video.media')?.readyState ?? 0) > 0;
    }, undefined, { timeout: patience(20_000) });
    const words = await teaser.locator('.transcript .word').allInnerTexts();
    assert.equal(words[0], 'Meet');
    // 7.959 s: players show whole seconds elapsed, 0:07, and so do the details beside the player
    assert.equal((await details(teaser))['Duration'], '0:07');
    if (mp4 === '') {
      assert.equal(await teaser.locator('video').count(), 0, 'no broken video element');
      assert.match(await teaser.locator('.stage-text').innerText(), /can.t be played here/);
      assert.ok(await teaser.locator('.stage button', { hasText: 'Open in VideoGen' }).isVisible());
      await vs.screenshot('preview-video-unsupported');
    } else {
      await playAndAdvance(teaser, 'video.media');
    }
  });

  it('plays audio, follows the transcript and seeks when a word is clicked or chosen by keyboard', async () => {
    const frame = await openFromTree('Founders Podcast Ep. 12 (clip)'); // listed without URLs: hydrated first
    await playAndAdvance(frame, 'audio.media');
    await frame.waitForSelector('.transcript .word.is-current', { timeout: patience(10_000) });
    await frame.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelector<PageMedia>('audio.media')?.pause());

    const word = frame.locator('.transcript .word', { hasText: 'developers.' });
    await word.click();
    const start = 7; // "developers." starts at 7.11 s in the fixture's timings
    await frame.waitForFunction((t) => ((globalThis as unknown as PageGlobals).document.querySelector<PageMedia>('audio.media')?.currentTime ?? 0) > t, start, { timeout: patience(10_000) });
    await frame.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('.word.is-current')?.textContent === 'developers.', undefined, { timeout: patience(10_000) });

    const toolbar = frame.getByRole('toolbar', { name: 'Transcript' });
    assert.equal(await toolbar.getAttribute('aria-describedby'), 'transcript-hint');
    assert.equal(await frame.locator('.transcript .word[tabindex="0"]').count(), 1, 'one tab stop for the whole transcript');
    assert.equal(await frame.locator('.transcript .word[tabindex="0"]').innerText(), 'developers.', 'the stop is on the word chosen');
    await frame.locator('.transcript .word').first().focus();
    await frame.locator('.transcript .word').first().press('End'); // roving focus: the last word
    await frame.locator('.transcript .word').first().press('Home');
    await vs.page.keyboard.press('ArrowRight');
    await vs.page.keyboard.press('Enter');
    const second = await frame.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.textContent);
    assert.equal(second, 'back');
    await frame.waitForFunction(() => {
      const time = (globalThis as unknown as PageGlobals).document.querySelector<PageMedia>('audio.media')?.currentTime ?? 0;
      return time > 0.8 && time < 1.2;
    }, undefined, { timeout: patience(10_000) });
    const facts = await details(frame);
    assert.equal(facts['Duration'], '0:08');
    await vs.screenshot('preview-audio');
  });

  it('recovers from URLs the server revoked, by re-hydrating once', async () => {
    // Listed with fresh URLs that the browser never fetched (the tree shows thumbnails, not previews): after
    // the server revokes every signed URL, the preview's first URL is refused and must be renewed.
    vs.server.expireAllUrls();
    vs.server.requests.length = 0;
    const frame = await openFromTree('Robot mascot concept');
    await frame.waitForFunction(() => {
      const image = (globalThis as unknown as PageGlobals).document.querySelector<PageImage>('img.media');
      return image !== null && image.complete && image.naturalWidth > 0;
    }, undefined, { timeout: patience(20_000) });
    const fileId = (await details(frame))['File ID'];
    const requests = vs.server.requests as LoggedRequest[];
    // its 256 px preview is smaller than the 512 px original, so the original is shown
    assert.ok(requests.some((r) => r.status === 403 && r.path.startsWith(`/media/${fileId}/download`)), 'the revoked URL was refused');
    assert.equal(requests.filter((r) => r.method === 'POST' && r.path === `/v1/files/${fileId}/hydrate`).length, 1, 'one re-hydration');
  });

  it('shows a hostile name and description as text, and runs no script from them', async () => {
    const frame = await openFromTree(HOSTILE_NAME);
    await frame.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector<PageImage>('img.media')?.naturalWidth, undefined, { timeout: patience(15_000) });
    assert.equal(await frame.locator('.title').innerText(), HOSTILE_NAME);
    assert.equal((await details(frame))['Description'], HOSTILE_DESCRIPTION);
    assert.equal(await frame.locator('img[src="x"], img[src="y"], .details script').count(), 0);
    assert.equal(await frame.evaluate(() => (globalThis as unknown as PageGlobals).__pwned), undefined);
    assert.deepEqual(dialogs, []);
    assert.ok(await vs.page.locator('.tab', { hasText: HOSTILE_NAME }).isVisible(), 'the tab label is the literal name');
  });

  it('plays a stream-only (HLS) video where the browser supports HLS, else explains why not', async () => {
    vs.server.addFile({ displayName: 'Stream-only clip', media: 'launch-teaser', urls: 'fresh', publicPreview: true, failedRenditions: ['preview', 'download'] });
    await vs.runCommand('VideoGen: Refresh');
    await vs.waitForTreeItems((labels) => labels.includes('Stream-only clip'));
    const frame = await openFromTree('Stream-only clip');
    const hls = await frame.evaluate(() => (globalThis as unknown as PageGlobals).document.createElement('video').canPlayType('application/vnd.apple.mpegurl'));
    if (hls !== '') {
      await playAndAdvance(frame, 'video.media');
      assert.match(await frame.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelector<PageMedia>('video.media')?.currentSrc ?? ''), /\/hls\.m3u8\?/);
      return;
    }
    await frame.locator('.stage-text').waitFor({ timeout: patience(15_000) });
    assert.match(await frame.locator('.stage-text').innerText(), /can.t be played here.*\(HLS\)/s);
    assert.equal(await frame.locator('video').count(), 0, 'no broken video element');
  });

  it('explains a video that fails even with fresh links, after one re-hydration, and offers the VideoGen web app', async () => {
    const file = vs.server.addFile({ displayName: 'Undecodable clip', media: 'launch-teaser', urls: 'fresh', publicPreview: true }) as { fileId: string };
    for (const rendition of ['preview', 'download', 'hls']) {
      vs.server.faults.add({ route: `GET /media/${file.fileId}/${rendition}*`, status: 415, message: 'Unsupported media' });
    }
    await vs.runCommand('VideoGen: Refresh');
    await vs.waitForTreeItems((labels) => labels.includes('Undecodable clip'));
    vs.server.requests.length = 0;
    const frame = await openFromTree('Undecodable clip');
    await frame.locator('.stage-text').waitFor({ timeout: patience(20_000) });
    assert.match(await frame.locator('.stage-text').innerText(), /even with freshly signed links/);
    assert.equal(await frame.locator('video').count(), 0, 'no broken video element');
    assert.ok(await frame.locator('.stage button', { hasText: 'Open in VideoGen' }).isVisible());
    await frame.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector<PageImage>('.stage img.thumbnail')?.naturalWidth, undefined, { timeout: patience(10_000) });
    const hydrations = (vs.server.requests as LoggedRequest[]).filter((r) => r.method === 'POST' && r.path === `/v1/files/${file.fileId}/hydrate`);
    assert.equal(hydrations.length, 1, 'exactly one re-hydration for all the failed renditions');
    await vs.screenshot('preview-video-unsupported');
  });

  it('shows a PDF as its thumbnail and details, with "Open in VideoGen"', async () => {
    const frame = await openFromTree('Q3 campaign brief.pdf');
    await frame.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector<PageImage>('.stage img.thumbnail')?.naturalWidth, undefined, { timeout: patience(15_000) });
    assert.match(await frame.locator('.stage-text').innerText(), /Open it in VideoGen to see it/);
    assert.ok(await frame.locator('.stage button', { hasText: 'Open in VideoGen' }).isVisible());
    assert.equal((await details(frame))['Type'], 'PDF');
    await vs.screenshot('preview-pdf');
  });

  it('restores an open preview after the window reloads', async () => {
    await openFromTree('Welcome voiceover');
    // Through the command, not a page reload: VS Code then saves the open editors before it reloads.
    await vs.reload();
    await vs.openView(); // activates the extension, whose serializer then revives the panel
    const frame = await vs.webviewFrame({ selector: 'main#app .title', timeout: patience(60_000) });
    await frame.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('.title')?.textContent === 'Welcome voiceover', undefined, { timeout: patience(30_000) });
    await frame.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.querySelector<PageMedia>('audio.media')?.readyState ?? 0) >= 1, undefined, { timeout: patience(15_000) });
  });

  it('stacks the details under the media in a narrow editor', async () => {
    await vs.page.setViewportSize({ width: 720, height: 800 });
    try {
      const frame = await openFromTree('Spring Launch Teaser');
      const [stage, details] = await Promise.all([frame.locator('.stage').boundingBox(), frame.locator('.details').boundingBox()]);
      assert.ok(stage && details && details.y >= stage.y + stage.height, 'the details come below the media');
      await vs.screenshot('preview-narrow');
    } finally {
      await vs.page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('follows the color theme (dark and high contrast)', async () => {
    for (const [theme, bodyClass, shot] of [
      ['Dark Modern', 'vscode-dark', 'preview-dark'],
      ['Dark High Contrast', 'vscode-high-contrast', 'preview-high-contrast'],
    ]) {
      await vs.runCommand('Preferences: Color Theme');
      await vs.quickInput(theme, { submit: false }); // filters the list: long lists are virtualised
      await vs.quickPick(theme);
      const frame = await openFromTree('Founders Podcast Ep. 12 (clip)');
      await frame.waitForFunction((c) => (globalThis as unknown as PageGlobals).document.body.classList.contains(c), bodyClass, { timeout: patience(10_000) });
      await frame.locator('.transcript .word', { hasText: 'podcast.' }).click();
      await vs.screenshot(shot);
      await closeEditors();
    }
  });
});
