import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  acceptedExtensions,
  extensionForMime,
  extensionOf,
  mediaTypeOf,
  mediaTypeOfMime,
  resourceExtnameRegex,
  UnsupportedMediaTypeError,
} from '../../../src/files/mediaTypes';

describe('upload media types', () => {
  it('infers the type and Content-Type from the extension, whatever its case', () => {
    assert.deepEqual(mediaTypeOf('Hero Photo.JPG'), { type: 'IMAGE', contentType: 'image/jpeg' });
    assert.deepEqual(mediaTypeOf('clip.final.mp4'), { type: 'VIDEO', contentType: 'video/mp4' });
    assert.deepEqual(mediaTypeOf('/home/me/take 2.mov'), { type: 'VIDEO', contentType: 'video/quicktime' });
    assert.deepEqual(mediaTypeOf('voice.wav'), { type: 'AUDIO', contentType: 'audio/wav' });
    assert.deepEqual(mediaTypeOf('C:\\briefs\\brief.pdf'), { type: 'PDF', contentType: 'application/pdf' });
    assert.deepEqual(mediaTypeOf('<img src=x onerror=alert(1)>.webp'), { type: 'IMAGE', contentType: 'image/webp' });
  });

  it('refuses what the API would not take as media, naming the extension', () => {
    for (const [name, extension] of [['notes.txt', 'txt'], ['animation.json', 'json'], ['archive.tar.gz', 'gz'], ['toString', ''], ['.png', ''], ['a.constructor', 'constructor'], ['dir.png/readme', '']]) {
      assert.throws(() => mediaTypeOf(name), (error: unknown) => {
        assert.ok(error instanceof UnsupportedMediaTypeError, name);
        assert.equal(error.extension, extension, name);
        assert.equal(error.fileName, name);
        return true;
      });
    }
  });

  it('reads extensions like a file manager', () => {
    assert.equal(extensionOf('a.B.Png'), 'png');
    assert.equal(extensionOf('.gitignore'), '');
    assert.equal(extensionOf('folder.d/file'), '');
    assert.equal(extensionOf('trailing.'), '');
  });

  it('maps pasted MIME types to a type and an extension', () => {
    assert.deepEqual(mediaTypeOfMime('image/png'), { type: 'IMAGE', contentType: 'image/png' });
    assert.deepEqual(mediaTypeOfMime('IMAGE/JPEG; q=1'), { type: 'IMAGE', contentType: 'image/jpeg' });
    assert.equal(mediaTypeOfMime('text/plain'), undefined);
    assert.equal(extensionForMime('image/png'), 'png');
    assert.equal(extensionForMime('image/jpeg'), 'jpg');
    assert.equal(extensionForMime('application/zip'), undefined);
  });

  it('has every accepted extension in the Explorer menu when clause of package.json, and no other', () => {
    const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'));
    const entries = (manifest.contributes.menus['explorer/context'] as Array<{ command: string; when: string }>)
      .filter((entry) => entry.command === 'videogen.uploadToVideoGen');
    assert.equal(entries.length, 1);
    assert.ok(entries[0].when.includes(`resourceExtname =~ ${resourceExtnameRegex()}`), entries[0].when);
    const regex = /\/\^\\\.\((.*)\)\$\/i/.exec(entries[0].when);
    assert.deepEqual(regex?.[1].split('|').sort(), Object.values(acceptedExtensions()).flat().sort());
  });
});
