import { strict as assert } from 'node:assert';
import { isPreferredKind, isRequestedKind, offersInlinePaste, parseUriList, pastedFileName, UPLOAD_KIND } from '../../../src/paste/rules';

describe('paste and drop rules', () => {
  it('our kind is the default only when the first preference names it', () => {
    assert.equal(UPLOAD_KIND, 'videogen.upload');
    assert.equal(isPreferredKind(['videogen.upload']), true);
    assert.equal(isPreferredKind(['videogen']), true, 'a parent kind contains ours');
    assert.equal(isPreferredKind(['', '  ', 'videogen.upload', 'text']), true, 'blank entries are skipped');
    assert.equal(isPreferredKind(['markdown.link.image', 'videogen.upload']), false, 'an earlier entry wins');
    assert.equal(isPreferredKind(['videogen.uploadX']), false);
    assert.equal(isPreferredKind(['videogen.upload.more']), false, 'a sub-kind does not contain ours');
    assert.equal(isPreferredKind([]), false);
    assert.equal(isPreferredKind(undefined), false);
    assert.equal(isPreferredKind('videogen.upload'), false, 'the setting is an array');
  });

  it('"Paste As" asks for our kind only by naming it or a parent', () => {
    assert.equal(isRequestedKind('videogen.upload'), true);
    assert.equal(isRequestedKind('videogen'), true);
    assert.equal(isRequestedKind(''), false, 'the empty kind is no request');
    assert.equal(isRequestedKind(undefined), false);
    assert.equal(isRequestedKind('markdown.link'), false);
  });

  it('a normal paste offers the upload only beside an edit VS Code always has, or when preferred', () => {
    const offers = (mimeTypes: string[], preferred = false): boolean => offersInlinePaste({ mimeTypes, preferred });
    assert.equal(offers(['image/png']), false, 'an image alone would be uploaded unasked');
    assert.equal(offers(['image/png'], true), true);
    assert.equal(offers(['image/png', 'text/plain']), true);
    assert.equal(offers(['image/png', 'text/html']), false, 'VS Code pastes HTML only when asked');
    assert.equal(offers(['text/uri-list']), true);
    assert.equal(offers(['Text/Plain']), true, 'MIME types are case-insensitive');
  });

  it('reads a uri-list, skipping comments and blank lines', () => {
    assert.deepEqual(parseUriList('# comment\r\nfile:///a/b.png\r\n\r\n  file:///c%20d.mp4  \n'), ['file:///a/b.png', 'file:///c%20d.mp4']);
    assert.deepEqual(parseUriList(''), []);
  });

  it('names pasted bytes after the clipboard, else after their MIME type', () => {
    assert.equal(pastedFileName('Screenshot 1.png', 'image/png'), 'Screenshot 1.png');
    assert.equal(pastedFileName('<img src=x onerror=alert(1)>.png', 'image/png'), '<img src=x onerror=alert(1)>.png', 'names stay as given');
    assert.equal(pastedFileName('', 'image/png'), 'image.png');
    assert.equal(pastedFileName(undefined, 'image/jpeg'), 'image.jpg');
    assert.equal(pastedFileName('  ', 'image/tiff'), 'image.tiff', 'a type VideoGen does not take keeps its extension, so the upload can say so');
    assert.equal(pastedFileName('', 'image/svg+xml'), 'image.svg');
    assert.equal(pastedFileName('', 'image/'), 'image');
  });
});
