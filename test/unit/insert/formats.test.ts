import * as assert from 'node:assert/strict';
import type { FileInfo } from '../../../src/api/models';
import { SNIPPET_FORMATS, SnippetFormatError, renderSnippet, type FormatContext, type Quote } from '../../../src/insert';
import { FILE_ID, HOSTILE, PUBLIC_URL, SIGNED_URL, TRICKY, UNICODE, file } from './fixtures';

function ctx(f: FileInfo, languageId: string, url?: string, quote?: Quote): FormatContext {
  return { file: f, url, urlExpires: url !== PUBLIC_URL, languageId, quote };
}

const render = (formatId: string, f: FileInfo, languageId: string, url?: string, quote?: Quote): string =>
  renderSnippet(formatId, ctx(f, languageId, url, quote));

/** SIGNED_URL as it must appear in an HTML attribute. */
const SIGNED_URL_HTML = 'https://image.media.videogen.io/f/obLD1OX2.png?token=abc123&amp;download=cat%20pic.png';
const HOSTILE_HTML = '&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;';

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => e instanceof SnippetFormatError && e.code === code);
}

describe('insert/formats: each format, exact output', () => {
  const image = file('IMAGE', 'cat.png');
  const video = file('VIDEO', 'clip.mp4');
  const audio = file('AUDIO', 'podcast.mp3');
  const pdf = file('PDF', 'report.pdf');

  it('the table has unique ids and the documented references', () => {
    const ids = SNIPPET_FORMATS.map((f) => f.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(
      SNIPPET_FORMATS.map((f) => `${f.id}:${f.reference}`),
      [
        'id:id',
        'quoted-id:id',
        'json:id',
        'json-object:id',
        'url:url',
        'quoted-url:url',
        'markdown-image:url',
        'markdown-link:url',
        'html-media:url',
        'html-link:url',
        'jsx-media:url',
        'css-url:url',
      ],
    );
  });

  describe('id', () => {
    it('is the bare file ID in any language, whatever the name', () => {
      for (const lang of ['plaintext', 'markdown', 'python', 'html']) {
        assert.equal(render('id', file('VIDEO', HOSTILE), lang), FILE_ID);
        assert.equal(render('id', file(null, HOSTILE), lang), FILE_ID);
      }
    });
  });

  describe('quoted-id', () => {
    it("uses each language's string quoting", () => {
      const cases: Array<[string, string]> = [
        ['typescript', `"${FILE_ID}"`],
        ['typescriptreact', `"${FILE_ID}"`],
        ['python', `"${FILE_ID}"`],
        ['go', `"${FILE_ID}"`],
        ['rust', `"${FILE_ID}"`],
        ['java', `"${FILE_ID}"`],
        ['csharp', `"${FILE_ID}"`],
        ['yaml', `"${FILE_ID}"`],
        ['php', `'${FILE_ID}'`],
        ['ruby', `'${FILE_ID}'`],
        ['shellscript', `'${FILE_ID}'`],
        ['sql', `'${FILE_ID}'`],
        ['dart', `'${FILE_ID}'`],
        ['css', `"${FILE_ID}"`],
        ['html', `"${FILE_ID}"`],
        ['plaintext', `"${FILE_ID}"`],
      ];
      for (const [lang, want] of cases) assert.equal(render('quoted-id', image, lang), want, lang);
    });
    it('honours the quote preference where the language accepts it', () => {
      assert.equal(render('quoted-id', image, 'typescript', undefined, "'"), `'${FILE_ID}'`);
      assert.equal(render('quoted-id', image, 'javascript', undefined, '`'), `\`${FILE_ID}\``);
      assert.equal(render('quoted-id', image, 'python', undefined, "'"), `'${FILE_ID}'`);
      assert.equal(render('quoted-id', image, 'rust', undefined, "'"), `"${FILE_ID}"`);
      assert.equal(render('quoted-id', image, 'php', undefined, '"'), `"${FILE_ID}"`);
    });
    it('escapes opaque IDs too (IDs are not parsed)', () => {
      const odd = file('IMAGE', 'x', 'id"with\'quotes\\');
      assert.equal(render('quoted-id', odd, 'typescript'), '"id\\"with\'quotes\\\\"');
      assert.equal(render('quoted-id', odd, 'shellscript'), "'id\"with'\\''quotes\\'");
    });
  });

  describe('json / json-object', () => {
    it('json is the ID as a JSON string', () => {
      assert.equal(render('json', image, 'json'), `"${FILE_ID}"`);
      assert.equal(render('json', file(null), 'jsonc'), `"${FILE_ID}"`);
    });
    it('json-object carries fileId, displayName and type', () => {
      assert.equal(
        render('json-object', image, 'json'),
        `{"fileId": "${FILE_ID}", "displayName": "cat.png", "type": "IMAGE"}`,
      );
      assert.equal(render('json-object', file(null, 'upload.bin'), 'json'), `{"fileId": "${FILE_ID}", "displayName": "upload.bin", "type": null}`);
    });
    it('json-object is valid JSON for hostile, tricky and Unicode names', () => {
      assert.equal(
        render('json-object', file('IMAGE', HOSTILE), 'json'),
        `{"fileId": "${FILE_ID}", "displayName": "<img src=x onerror=alert(1)>\\"'&", "type": "IMAGE"}`,
      );
      assert.equal(
        render('json-object', file('VIDEO', TRICKY), 'jsonc'),
        `{"fileId": "${FILE_ID}", "displayName": "C:\\\\clips\\\\\\"best\\" 'take'\\nline2\\tend", "type": "VIDEO"}`,
      );
      for (const name of [HOSTILE, TRICKY, UNICODE, 'a\u2028b\u202ec\u0000d\ud800']) {
        const parsed: unknown = JSON.parse(render('json-object', file('AUDIO', name), 'json'));
        assert.deepEqual(parsed, { fileId: FILE_ID, displayName: name, type: 'AUDIO' });
      }
    });
    it('keeps an unknown future type as its string', () => {
      assert.equal(render('json-object', file('HOLOGRAM', 'h'), 'json'), `{"fileId": "${FILE_ID}", "displayName": "h", "type": "HOLOGRAM"}`);
    });
  });

  describe('url / quoted-url', () => {
    it('url is the URL as given (signed or public)', () => {
      assert.equal(render('url', image, 'plaintext', SIGNED_URL), SIGNED_URL);
      assert.equal(render('url', video, 'markdown', PUBLIC_URL), PUBLIC_URL);
    });
    it('quoted-url quotes it per language', () => {
      assert.equal(render('quoted-url', image, 'python', SIGNED_URL), `"${SIGNED_URL}"`);
      assert.equal(render('quoted-url', image, 'json', SIGNED_URL), `"${SIGNED_URL}"`);
      assert.equal(render('quoted-url', image, 'shellscript', SIGNED_URL), `'${SIGNED_URL}'`);
      assert.equal(render('quoted-url', image, 'html', SIGNED_URL), `"${SIGNED_URL_HTML}"`);
    });
  });

  describe('markdown-image / markdown-link', () => {
    it('image: ![name](url "file ID")', () => {
      assert.equal(render('markdown-image', image, 'markdown', SIGNED_URL), `![cat.png](${SIGNED_URL} "${FILE_ID}")`);
      assert.equal(render('markdown-image', image, 'mdx', PUBLIC_URL), `![cat.png](${PUBLIC_URL} "${FILE_ID}")`);
    });
    it('link: [name](url "file ID") for any ready file', () => {
      assert.equal(render('markdown-link', pdf, 'markdown', SIGNED_URL), `[report.pdf](${SIGNED_URL} "${FILE_ID}")`);
      assert.equal(render('markdown-link', video, 'markdown', PUBLIC_URL), `[clip.mp4](${PUBLIC_URL} "${FILE_ID}")`);
    });
    it('escapes hostile, tricky and Unicode names', () => {
      assert.equal(
        render('markdown-image', file('IMAGE', HOSTILE), 'markdown', SIGNED_URL),
        `![\\<img src=x onerror=alert(1)\\>"'\\&](${SIGNED_URL} "${FILE_ID}")`,
      );
      assert.equal(
        render('markdown-link', file('PDF', HOSTILE), 'markdown', SIGNED_URL),
        `[\\<img src=x onerror=alert(1)\\>"'\\&](${SIGNED_URL} "${FILE_ID}")`,
      );
      assert.equal(
        render('markdown-link', file('TEXT', TRICKY), 'markdown', SIGNED_URL),
        `[C:\\\\clips\\\\"best" 'take' line2 end](${SIGNED_URL} "${FILE_ID}")`,
      );
      assert.equal(render('markdown-image', file('IMAGE', UNICODE), 'markdown', SIGNED_URL), `![${UNICODE}](${SIGNED_URL} "${FILE_ID}")`);
      assert.equal(
        render('markdown-link', file('PDF', 'see [docs](javascript:alert(1))'), 'markdown', SIGNED_URL),
        `[see \\[docs\\](javascript:alert(1))](${SIGNED_URL} "${FILE_ID}")`,
      );
    });
    it('makes URLs with spaces and parentheses safe without altering the URL', () => {
      assert.equal(
        render('markdown-image', image, 'markdown', 'https://x.videogen.io/a b(1).png'),
        `![cat.png](https://x.videogen.io/a%20b\\(1\\).png "${FILE_ID}")`,
      );
    });
    it('falls back to the file ID as link text for a blank name', () => {
      assert.equal(render('markdown-link', file('PDF', '  '), 'markdown', SIGNED_URL), `[${FILE_ID}](${SIGNED_URL} "${FILE_ID}")`);
    });
  });

  describe('html-media / html-link', () => {
    it('<img> for images, with the file ID attribute', () => {
      assert.equal(
        render('html-media', image, 'html', SIGNED_URL),
        `<img src="${SIGNED_URL_HTML}" alt="cat.png" data-videogen-file-id="${FILE_ID}">`,
      );
    });
    it('<video controls> and <audio controls>', () => {
      assert.equal(
        render('html-media', video, 'html', PUBLIC_URL),
        `<video src="${PUBLIC_URL}" controls title="clip.mp4" data-videogen-file-id="${FILE_ID}"></video>`,
      );
      assert.equal(
        render('html-media', audio, 'vue', SIGNED_URL),
        `<audio src="${SIGNED_URL_HTML}" controls title="podcast.mp3" data-videogen-file-id="${FILE_ID}"></audio>`,
      );
    });
    it('audio never yields <img>, image never yields <video>', () => {
      const a = render('html-media', file('AUDIO', 'x.png'), 'html', SIGNED_URL);
      assert.ok(a.startsWith('<audio ') && !a.includes('<img') && !a.includes('<video'));
      const i = render('html-media', file('IMAGE', 'x.mp4'), 'html', SIGNED_URL);
      assert.ok(i.startsWith('<img ') && !i.includes('<video') && !i.includes('<audio'));
    });
    it('the hostile name stays inert text in attributes and text nodes', () => {
      const img = render('html-media', file('IMAGE', HOSTILE), 'html', SIGNED_URL);
      assert.equal(img, `<img src="${SIGNED_URL_HTML}" alt="${HOSTILE_HTML}" data-videogen-file-id="${FILE_ID}">`);
      assert.equal((img.match(/</g) ?? []).length, 1, 'only the snippet’s own tag opens');
      assert.ok(!img.includes('<img src=x'));
      const vid = render('html-media', file('VIDEO', HOSTILE), 'html', SIGNED_URL);
      assert.equal(vid, `<video src="${SIGNED_URL_HTML}" controls title="${HOSTILE_HTML}" data-videogen-file-id="${FILE_ID}"></video>`);
      const link = render('html-link', file('PDF', HOSTILE), 'html', SIGNED_URL);
      assert.equal(link, `<a href="${SIGNED_URL_HTML}" data-videogen-file-id="${FILE_ID}">${HOSTILE_HTML}</a>`);
    });
    it('tricky and Unicode names', () => {
      assert.equal(
        render('html-media', file('IMAGE', TRICKY), 'html', SIGNED_URL),
        `<img src="${SIGNED_URL_HTML}" alt="C:\\clips\\&quot;best&quot; &#39;take&#39;&#10;line2&#9;end" data-videogen-file-id="${FILE_ID}">`,
      );
      assert.equal(
        render('html-link', file('PDF', UNICODE), 'html', SIGNED_URL),
        `<a href="${SIGNED_URL_HTML}" data-videogen-file-id="${FILE_ID}">${UNICODE}</a>`,
      );
    });
    it('template syntax in a name stays inert (Vue/Svelte/Handlebars/Razor)', () => {
      assert.equal(
        render('html-link', file('PDF', '{{ secret }} @Html.Raw(x)'), 'handlebars', SIGNED_URL),
        `<a href="${SIGNED_URL_HTML}" data-videogen-file-id="${FILE_ID}">&#123;&#123; secret &#125;&#125; &#64;Html.Raw(x)</a>`,
      );
    });
  });

  describe('jsx-media', () => {
    it('<img />, <video controls />, <audio controls /> with the file ID attribute', () => {
      assert.equal(
        render('jsx-media', image, 'typescriptreact', SIGNED_URL),
        `<img src="${SIGNED_URL}" alt="cat.png" data-videogen-file-id="${FILE_ID}" />`,
      );
      assert.equal(
        render('jsx-media', video, 'javascriptreact', PUBLIC_URL),
        `<video src="${PUBLIC_URL}" controls title="clip.mp4" data-videogen-file-id="${FILE_ID}" />`,
      );
      assert.equal(
        render('jsx-media', audio, 'typescriptreact', SIGNED_URL),
        `<audio src="${SIGNED_URL}" controls title="podcast.mp3" data-videogen-file-id="${FILE_ID}" />`,
      );
    });
    it('hostile and tricky names use an expression container', () => {
      assert.equal(
        render('jsx-media', file('IMAGE', HOSTILE), 'typescriptreact', SIGNED_URL),
        `<img src="${SIGNED_URL}" alt={"<img src=x onerror=alert(1)>\\"'&"} data-videogen-file-id="${FILE_ID}" />`,
      );
      assert.equal(
        render('jsx-media', file('VIDEO', TRICKY), 'typescriptreact', SIGNED_URL),
        `<video src="${SIGNED_URL}" controls title={"C:\\\\clips\\\\\\"best\\" 'take'\\nline2\\tend"} data-videogen-file-id="${FILE_ID}" />`,
      );
      assert.equal(
        render('jsx-media', file('IMAGE', 'Tom &amp; Jerry'), 'typescriptreact', SIGNED_URL),
        `<img src="${SIGNED_URL}" alt={"Tom &amp; Jerry"} data-videogen-file-id="${FILE_ID}" />`,
      );
      assert.equal(
        render('jsx-media', file('IMAGE', UNICODE), 'typescriptreact', SIGNED_URL),
        `<img src="${SIGNED_URL}" alt="${UNICODE}" data-videogen-file-id="${FILE_ID}" />`,
      );
    });
  });

  describe('css-url', () => {
    it('url("…") for images, url(\'…\') on request', () => {
      assert.equal(render('css-url', image, 'css', SIGNED_URL), `url("${SIGNED_URL}")`);
      assert.equal(render('css-url', image, 'scss', SIGNED_URL, "'"), `url('${SIGNED_URL}')`);
      assert.equal(render('css-url', image, 'less', SIGNED_URL, '`'), `url("${SIGNED_URL}")`);
    });
    it('escapes quotes and backslashes in the URL', () => {
      assert.equal(render('css-url', image, 'css', 'https://x.videogen.io/a"b\\c.png'), 'url("https://x.videogen.io/a\\"b\\\\c.png")');
    });
  });

  describe('errors', () => {
    it('URL formats need a URL', () => {
      for (const id of ['url', 'quoted-url', 'markdown-image', 'markdown-link', 'html-media', 'html-link', 'jsx-media', 'css-url']) {
        throwsCode(() => render(id, image, 'html'), 'missing-url');
        throwsCode(() => render(id, image, 'html', ''), 'missing-url');
      }
    });
    it('only http(s) URLs without controls are inserted', () => {
      for (const bad of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'not a url', 'https://x.io/a\nb', 'https://x.io/\u202e']) {
        throwsCode(() => render('html-media', image, 'html', bad), 'invalid-url');
        throwsCode(() => render('url', image, 'plaintext', bad), 'invalid-url');
      }
      assert.equal(render('url', image, 'plaintext', 'http://127.0.0.1:8787/media/a.png'), 'http://127.0.0.1:8787/media/a.png');
    });
    it('formats that do not apply to the file are refused', () => {
      throwsCode(() => render('html-media', pdf, 'html', SIGNED_URL), 'not-applicable');
      throwsCode(() => render('jsx-media', file('LOTTIE'), 'typescriptreact', SIGNED_URL), 'not-applicable');
      throwsCode(() => render('markdown-image', video, 'markdown', SIGNED_URL), 'not-applicable');
      throwsCode(() => render('css-url', audio, 'css', SIGNED_URL), 'not-applicable');
      throwsCode(() => render('url', file(null), 'plaintext', SIGNED_URL), 'not-applicable');
    });
    it('unknown format ids are refused', () => {
      throwsCode(() => render('nope', image, 'html'), 'unknown-format');
    });
  });

  it('output does not depend on urlExpires (pure function of its inputs)', () => {
    for (const format of SNIPPET_FORMATS) {
      const base = { file: image, url: SIGNED_URL, languageId: 'markdown' };
      assert.equal(renderSnippet(format.id, { ...base, urlExpires: true }), renderSnippet(format.id, { ...base, urlExpires: false }));
    }
  });
});
