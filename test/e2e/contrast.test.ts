// Readable text in every built-in theme family: inside the preview webview, the computed colour of each kind of
// text is measured against the background it is actually drawn on (transparent layers resolved through the
// ancestors) and must reach the WCAG AA contrast ratio for normal text, 4.5:1.
import { strict as assert } from 'node:assert';
import type { Frame } from 'playwright-core';
import { slug, useWorkbench } from './fixture';

const MINIMUM_CONTRAST = 4.5;

/**
 * The themes by their label in the theme picker (theme ids differ between versions; labels do not), and the class
 * VS Code puts on the webview's body for each. The 2026 themes, the defaults of newer versions, are measured
 * where the version has them.
 */
const THEMES = [
  { name: 'Light Modern', bodyClass: 'vscode-light', everywhere: true },
  { name: 'Dark Modern', bodyClass: 'vscode-dark', everywhere: true },
  { name: 'Light High Contrast', bodyClass: 'vscode-high-contrast-light', everywhere: true },
  { name: 'Dark High Contrast', bodyClass: 'vscode-high-contrast', everywhere: true },
  { name: 'Light 2026', bodyClass: 'vscode-light', everywhere: false },
  { name: 'Dark 2026', bodyClass: 'vscode-dark', everywhere: false },
] as const;

/** What is measured in the audio preview (transcript, details, toolbar) and in the PDF preview (the stage message). */
const AUDIO_TEXT: Readonly<Record<string, string>> = {
  'current transcript word': '.transcript .word.is-current',
  'transcript word': '.transcript .word:not(.is-current)',
  'transcript hint': '.transcript .hint',
  'section heading': 'h2',
  title: '.title',
  'details label': '.details dt',
  'details value': '.details dd',
  'toolbar button': '.toolbar button',
};
const PDF_TEXT: Readonly<Record<string, string>> = {
  'stage message': '.stage-text',
  'stage button': '.stage button',
};

interface Measured {
  what: string;
  text: string;
  color: string;
  background: string;
  ratio: number;
}

/**
 * Runs in the webview page. For every element matching each selector: its text colour composited over its
 * effective background (the stack of ancestor backgrounds, alpha-blended from the root down), and the WCAG
 * contrast ratio of the two. Colours are normalised through a canvas, so any CSS colour syntax works.
 */
const MEASURE = `(targets) => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const rgba = (css) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = '#000';
    context.fillStyle = css;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return { r, g, b, a: a / 255 };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const background = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) layers.push(rgba(getComputedStyle(node).backgroundColor));
    return layers.reverse().reduce((below, layer) => over(layer, below), { r: 255, g: 255, b: 255, a: 1 });
  };
  const luminance = ({ r, g, b }) => {
    const linear = (channel) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const css = ({ r, g, b }) => 'rgb(' + [r, g, b].map(Math.round).join(', ') + ')';
  const results = [];
  for (const [what, selector] of Object.entries(targets)) {
    for (const element of document.querySelectorAll(selector)) {
      if (!element.getClientRects().length || !element.textContent.trim()) continue;
      const behind = background(element);
      const color = over(rgba(getComputedStyle(element).color), behind);
      const [light, dark] = [luminance(color), luminance(behind)].sort((x, y) => y - x);
      results.push({ what, text: element.textContent.trim().slice(0, 40), color: css(color), background: css(behind), ratio: (light + 0.05) / (dark + 0.05) });
    }
  }
  return results;
}`;

async function measure(frame: Frame, targets: Readonly<Record<string, string>>): Promise<Measured[]> {
  const measured = (await frame.evaluate(`(${MEASURE})(${JSON.stringify(targets)})`)) as Measured[];
  const found = new Set(measured.map((m) => m.what));
  const missing = Object.keys(targets).filter((what) => !found.has(what));
  assert.deepEqual(missing, [], 'every kind of text is on the page');
  return measured;
}

/** The lowest ratio of each kind of text, e.g. "current transcript word 7.2:1". */
function summary(measured: readonly Measured[]): string[] {
  const lowest = new Map<string, Measured>();
  for (const m of measured) if ((lowest.get(m.what)?.ratio ?? Infinity) > m.ratio) lowest.set(m.what, m);
  return [...lowest.values()].map((m) => `${m.what} ${m.ratio.toFixed(2)}:1 (${m.color} on ${m.background})`);
}

describe('Preview contrast in every theme', function () {
  this.timeout(300_000);
  const vs = useWorkbench();

  before(async () => {
    await vs.openView();
    await vs.runCommand('VideoGen: Set API Key');
    await vs.quickInput(vs.server.apiKey);
    await vs.waitForTreeItems((labels) => labels.includes('Founders Podcast Ep. 12 (clip)'), { timeout: 30_000 });
  });

  /** Picks the theme in "Preferences: Color Theme" (which sets `workbench.colorTheme`); false when this version has none of that name. */
  async function setTheme(label: string): Promise<boolean> {
    await vs.runCommand('Preferences: Color Theme');
    await vs.quickInput(label, { submit: false }); // filters the list: long lists are virtualised
    const offered = await vs.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name', { hasText: label })
      .first()
      .waitFor({ timeout: 5_000 })
      .then(() => true, () => false);
    if (!offered) {
      await vs.closeQuickInput();
      return false;
    }
    await vs.quickPick(label);
    return true;
  }

  async function openPreview(label: string, bodyClass: string): Promise<Frame> {
    const row = vs.treeItem(label);
    await row.hover();
    await row.locator('.action-label[aria-label="Open Preview"]').click();
    await vs.page.mouse.move(1000, 700); // no hover colours or tooltips while measuring
    const frame = await vs.webviewFrame({ selector: 'main#app .title' });
    await frame.waitForFunction(
      ([name, theme]) => {
        const page = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null; body: { classList: { contains(c: string): boolean } } } }).document;
        return page.querySelector('.title')?.textContent === name && page.body.classList.contains(theme);
      },
      [label, bodyClass] as const,
      { timeout: 20_000 },
    );
    return frame;
  }

  async function closeEditors(): Promise<void> {
    await vs.runCommand('View: Close All Editors');
    await vs.page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
  }

  for (const theme of THEMES) {
    it(`${theme.name}: every text of the preview reaches ${MINIMUM_CONTRAST}:1`, async function () {
      if (!(await setTheme(theme.name))) {
        assert.ok(!theme.everywhere, `the theme picker offers ${theme.name}`);
        this.skip();
      }

      const audio = await openPreview('Founders Podcast Ep. 12 (clip)', theme.bodyClass);
      await audio.locator('.transcript .word', { hasText: 'podcast.' }).click();
      await audio.locator('.transcript .word.is-current').waitFor({ timeout: 10_000 });
      await vs.page.mouse.move(1000, 700);
      const measured = await measure(audio, AUDIO_TEXT);
      await vs.screenshot(`contrast-${slug(theme.name)}`);
      for (const word of ['Welcome', 'podcast.']) {
        await audio.locator('.transcript .word', { hasText: word }).hover();
        measured.push(...(await measure(audio, { [`hovered ${word === 'podcast.' ? 'current ' : ''}transcript word`]: '.transcript .word:hover' })));
      }
      await vs.page.mouse.move(1000, 700);
      await closeEditors();

      const pdf = await openPreview('Q3 campaign brief.pdf', theme.bodyClass);
      await pdf.locator('.stage-text').waitFor({ timeout: 15_000 });
      measured.push(...(await measure(pdf, PDF_TEXT)));
      await vs.screenshot(`contrast-${slug(theme.name)}-message`);
      await closeEditors();

      const lines = summary(measured);
      console.log(`      ${theme.name}:\n        ${lines.join('\n        ')}`);
      const poor = measured.filter((m) => m.ratio < MINIMUM_CONTRAST).map((m) => `${m.what} "${m.text}" ${m.ratio.toFixed(2)}:1 (${m.color} on ${m.background})`);
      assert.deepEqual(poor, [], `${theme.name}: text below ${MINIMUM_CONTRAST}:1`);
    });
  }
});
