import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SNIPPET_FORMATS, defaultFormatFor, formatsFor, getFormat, isOfferedIn } from '../../../src/insert';
import { file } from './fixtures';

const ids = (languageId: string, type: Parameters<typeof file>[0]): string[] => formatsFor(languageId, file(type)).map((f) => f.id);
const def = (languageId: string, type: Parameters<typeof file>[0], overrides?: Record<string, unknown> | null): string =>
  defaultFormatFor(languageId, file(type), overrides).id;

describe('insert/index: formatsFor, defaultFormatFor', () => {
  describe('formatsFor ordering per language', () => {
    it('markdown: Markdown image/link first, then ID, HTML, URL', () => {
      assert.deepEqual(ids('markdown', 'IMAGE'), ['markdown-image', 'markdown-link', 'id', 'html-media', 'html-link', 'url', 'quoted-id', 'quoted-url']);
      assert.deepEqual(ids('markdown', 'VIDEO'), ['markdown-link', 'id', 'html-media', 'html-link', 'url', 'quoted-id', 'quoted-url']);
      assert.deepEqual(ids('markdown', 'PDF'), ['markdown-link', 'id', 'html-link', 'url', 'quoted-id', 'quoted-url']);
    });
    it('mdx: Markdown, then JSX', () => {
      assert.deepEqual(ids('mdx', 'IMAGE'), ['markdown-image', 'markdown-link', 'jsx-media', 'id', 'quoted-id', 'url', 'quoted-url']);
    });
    it('typescriptreact / javascriptreact: JSX element, then quoted ID', () => {
      for (const lang of ['typescriptreact', 'javascriptreact']) {
        assert.deepEqual(ids(lang, 'IMAGE'), ['jsx-media', 'quoted-id', 'id', 'json-object', 'quoted-url', 'url'], lang);
        assert.deepEqual(ids(lang, 'PDF'), ['quoted-id', 'id', 'json-object', 'quoted-url', 'url'], lang);
      }
    });
    it('typescript / javascript: quoted ID first, no JSX', () => {
      assert.deepEqual(ids('typescript', 'VIDEO'), ['quoted-id', 'id', 'json-object', 'quoted-url', 'url']);
    });
    it('html: media tag and link first', () => {
      assert.deepEqual(ids('html', 'AUDIO'), ['html-media', 'html-link', 'id', 'quoted-id', 'url', 'quoted-url']);
      assert.deepEqual(ids('vue', 'IMAGE'), ['html-media', 'html-link', 'quoted-id', 'id', 'quoted-url', 'url']);
      assert.deepEqual(ids('php', 'IMAGE'), ['quoted-id', 'id', 'html-media', 'html-link', 'quoted-url', 'url']);
    });
    it('css family: url() first for images', () => {
      for (const lang of ['css', 'scss', 'less']) {
        assert.deepEqual(ids(lang, 'IMAGE'), ['css-url', 'quoted-id', 'id', 'quoted-url', 'url'], lang);
        assert.deepEqual(ids(lang, 'VIDEO'), ['quoted-id', 'id', 'quoted-url', 'url'], lang);
      }
    });
    it('json family: JSON string first, no duplicate quoted-id', () => {
      for (const lang of ['json', 'jsonc']) {
        assert.deepEqual(ids(lang, 'IMAGE'), ['json', 'json-object', 'id', 'quoted-url', 'url'], lang);
      }
    });
    it('code languages and unknown ids: quoted ID, then bare ID', () => {
      for (const lang of ['python', 'go', 'rust', 'java', 'csharp', 'ruby', 'php-not', 'shellscript', 'yaml', 'some-new-language']) {
        assert.deepEqual(ids(lang, 'IMAGE'), ['quoted-id', 'id', 'quoted-url', 'url'], lang);
      }
    });
    it('plaintext: bare ID first', () => {
      assert.deepEqual(ids('plaintext', 'IMAGE'), ['id', 'quoted-id', 'url', 'quoted-url']);
    });
  });

  describe('appliesTo per media type', () => {
    it('a processing file (type null) gets only ID formats, in every language', () => {
      for (const lang of ['markdown', 'mdx', 'html', 'typescriptreact', 'css', 'json', 'python', 'plaintext']) {
        const formats = formatsFor(lang, file(null));
        assert.ok(formats.length > 0, lang);
        assert.ok(formats.every((f) => f.reference === 'id'), `${lang}: ${formats.map((f) => f.id).join(',')}`);
      }
      assert.deepEqual(ids('json', null), ['json', 'json-object', 'id']);
      assert.deepEqual(ids('markdown', null), ['id', 'quoted-id']);
    });
    it('media formats only for IMAGE/VIDEO/AUDIO; image-only formats only for IMAGE', () => {
      const has = (lang: string, type: Parameters<typeof file>[0], id: string): boolean => ids(lang, type).includes(id);
      for (const type of ['IMAGE', 'VIDEO', 'AUDIO'] as const) {
        assert.ok(has('html', type, 'html-media'), type);
        assert.ok(has('typescriptreact', type, 'jsx-media'), type);
      }
      for (const type of ['PDF', 'SLIDESHOW', 'TEXT', 'LOTTIE', 'HOLOGRAM'] as const) {
        assert.ok(!has('html', type, 'html-media'), type);
        assert.ok(!has('typescriptreact', type, 'jsx-media'), type);
        assert.ok(has('html', type, 'html-link'), type);
        assert.ok(has('markdown', type, 'markdown-link'), type);
      }
      for (const type of ['VIDEO', 'AUDIO', 'PDF'] as const) {
        assert.ok(!has('markdown', type, 'markdown-image'), type);
        assert.ok(!has('css', type, 'css-url'), type);
      }
      assert.ok(has('markdown', 'IMAGE', 'markdown-image'));
      assert.ok(has('css', 'IMAGE', 'css-url'));
    });
    it('formats are offered only in their languages', () => {
      assert.ok(!ids('python', 'IMAGE').some((id) => id.startsWith('markdown') || id.startsWith('html') || id.startsWith('jsx') || id === 'css-url'));
      assert.ok(!ids('markdown', 'IMAGE').includes('jsx-media'));
      assert.ok(!ids('mdx', 'IMAGE').includes('html-media'), 'MDX is JSX: <img> must be closed');
      assert.ok(!isOfferedIn(getFormat('quoted-id')!, 'json'));
      assert.ok(isOfferedIn(getFormat('quoted-id')!, 'python'));
    });
  });

  describe('defaultFormatFor', () => {
    it('built-in default is an ID format, per language', () => {
      const cases: Array<[string, string]> = [
        ['markdown', 'id'],
        ['mdx', 'id'],
        ['html', 'id'],
        ['plaintext', 'id'],
        ['typescriptreact', 'quoted-id'],
        ['typescript', 'quoted-id'],
        ['vue', 'quoted-id'],
        ['php', 'quoted-id'],
        ['css', 'quoted-id'],
        ['python', 'quoted-id'],
        ['yaml', 'quoted-id'],
        ['shellscript', 'quoted-id'],
        ['some-new-language', 'quoted-id'],
        ['json', 'json'],
        ['jsonc', 'json'],
      ];
      for (const [lang, want] of cases) {
        for (const type of ['IMAGE', 'VIDEO', 'PDF', null] as const) {
          const got = defaultFormatFor(lang, file(type));
          assert.equal(got.id, want, `${lang}/${type}`);
          assert.equal(got.reference, 'id');
        }
      }
    });
    it('a valid override for the language wins, then "*"', () => {
      assert.equal(def('markdown', 'IMAGE', { markdown: 'quoted-id' }), 'quoted-id');
      assert.equal(def('python', 'IMAGE', { '*': 'id' }), 'id');
      assert.equal(def('python', 'IMAGE', { python: 'quoted-id', '*': 'id' }), 'quoted-id');
      assert.equal(def('json', 'IMAGE', { json: 'json-object' }), 'json-object');
    });
    it('a URL format chosen by the user is honoured when it applies', () => {
      assert.equal(def('markdown', 'IMAGE', { markdown: 'markdown-image' }), 'markdown-image');
      assert.equal(def('typescriptreact', 'VIDEO', { '*': 'jsx-media' }), 'jsx-media');
    });
    it('unknown ids fall through to "*" and then the built-in default', () => {
      assert.equal(def('python', 'IMAGE', { python: 'no-such-format' }), 'quoted-id');
      assert.equal(def('python', 'IMAGE', { python: 'no-such-format', '*': 'id' }), 'id');
      assert.equal(def('markdown', 'IMAGE', { '*': 'nope' }), 'id');
    });
    it('not-applicable ids are ignored (wrong language or wrong file type)', () => {
      assert.equal(def('python', 'IMAGE', { python: 'markdown-image' }), 'quoted-id');
      assert.equal(def('markdown', 'AUDIO', { markdown: 'markdown-image' }), 'id');
      assert.equal(def('markdown', null, { markdown: 'markdown-link', '*': 'quoted-id' }), 'quoted-id');
      assert.equal(def('json', 'IMAGE', { '*': 'quoted-id' }), 'json');
      assert.equal(def('css', 'VIDEO', { css: 'css-url' }), 'quoted-id');
    });
    it('tolerates junk setting values', () => {
      assert.equal(def('python', 'IMAGE', null), 'quoted-id');
      assert.equal(def('python', 'IMAGE', {}), 'quoted-id');
      assert.equal(def('python', 'IMAGE', { python: 42, '*': ['id'] }), 'quoted-id');
      assert.equal(def('toString', 'IMAGE', {}), 'quoted-id');
      assert.equal(def('constructor', 'IMAGE', Object.create({ constructor: 'id' }) as Record<string, unknown>), 'quoted-id');
    });
    it('the setting offers exactly the format ids there are (package.json enum)', () => {
      const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
        contributes: { configuration: { properties: Record<string, { additionalProperties?: { enum?: string[] } }> } };
      };
      const setting = manifest.contributes.configuration.properties['videogen.insert.defaultFormat'];
      assert.deepEqual(setting?.additionalProperties?.enum, SNIPPET_FORMATS.map((f) => f.id));
    });
  });

  describe('purity', () => {
    const srcDir = path.resolve(__dirname, '../../../../src/insert');
    const sources = fs.readdirSync(srcDir).filter((n) => n.endsWith('.ts'));
    it('finds the sources', () => {
      assert.ok(sources.includes('index.ts') && sources.includes('formats.ts'), sources.join(','));
    });
    for (const name of sources) {
      it(`${name} imports no vscode and reads no clock or randomness`, () => {
        const text = fs.readFileSync(path.join(srcDir, name), 'utf8');
        assert.ok(!/from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\)/.test(text), 'vscode import');
        assert.ok(!/Date\.now|new Date\b|Math\.random|performance\.now|process\.env/.test(text), 'impure call');
      });
    }
  });
});
