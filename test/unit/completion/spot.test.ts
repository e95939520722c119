// Where completion applies on a line (src/completion/spot.ts) and the order of its items (src/completion/ordering.ts).
import { strict as assert } from 'node:assert';
import { firstOf, MAX_LISTED, orderCandidates, sortTextOf } from '../../../src/completion/ordering';
import { completionSpotAt, isIdPrefix, matchesTyped, openQuoteColumn, searchQueryOf } from '../../../src/completion/spot';

/** The spot at the `|` of `text` (the bar removed). */
function spotIn(text: string, languageId = 'typescript'): ReturnType<typeof completionSpotAt> {
  const cursor = text.indexOf('|');
  return completionSpotAt(text.replace('|', ''), cursor, languageId);
}

describe('completion: where it applies on a line', () => {
  it('inside a string of any quote, from after the opening quote to the closing one', () => {
    assert.deepEqual(spotIn('const a = "mount|ain";'), { start: 11, end: 19, inString: true, typed: 'mount' });
    assert.deepEqual(spotIn("x = 'hero|'", 'python'), { start: 5, end: 9, inString: true, typed: 'hero' });
    assert.deepEqual(spotIn('const t = `logo|'), { start: 11, end: 15, inString: true, typed: 'logo' });
    assert.deepEqual(spotIn('f("|")'), { start: 3, end: 3, inString: true, typed: '' });
  });

  it('outside strings, nothing: after a closed string, in code, and in a line comment', () => {
    assert.equal(spotIn('const a = "x"; fo|'), undefined);
    assert.equal(spotIn('let value|'), undefined);
    assert.equal(spotIn("// don't do th|is"), undefined);
    assert.equal(spotIn('x = 1  # it\'s a no|te', 'python'), undefined);
  });

  it('balances quotes: escaped quotes stay inside, other quote kinds inside a string are text', () => {
    assert.equal(spotIn('"a\\"b|"')?.typed, 'a\\"b');
    assert.equal(spotIn('"it\'s |"')?.typed, "it's ");
    assert.equal(spotIn('"a" + "b" + |'), undefined);
    assert.equal(openQuoteColumn('say("a", \'b', 'typescript'), 9);
  });

  it('a `#` only starts a comment where the language says so', () => {
    assert.equal(spotIn('color: "#fff |"', 'css')?.typed, '#fff ');
    assert.equal(spotIn('this.#x = "ab|"')?.typed, 'ab');
  });

  it('after `vg_file_` anywhere, even in prose and comments, replacing the id typed so far (and its rest)', () => {
    assert.deepEqual(spotIn('See vg_file_|', 'markdown'), { start: 4, end: 12, inString: false, typed: 'vg_file_' });
    assert.deepEqual(spotIn('// uses vg_file_Ab|cd rest'), { start: 8, end: 20, inString: false, typed: 'vg_file_Ab' });
    assert.deepEqual(spotIn('id = "vg_file_|"'), { start: 6, end: 14, inString: true, typed: 'vg_file_' });
    assert.deepEqual(spotIn('id = "a vg_file_x|"'), { start: 8, end: 17, inString: true, typed: 'vg_file_x' });
  });

  it('not after a longer word ending in vg_file_, nor in prose quotes', () => {
    assert.equal(spotIn('myvg_file_|'), undefined);
    assert.equal(spotIn("Don't stop |", 'markdown'), undefined);
    assert.equal(spotIn('"quoted |"', 'plaintext'), undefined);
  });
});

describe('completion: what is searched', () => {
  const query = (text: string): string | undefined => searchQueryOf(spotIn(text)!);

  it('the typed text of a string, trimmed, from three characters', () => {
    assert.equal(query('"  sunset hero |"'), 'sunset hero');
    assert.equal(query('"ab|"'), undefined);
    assert.equal(query('"abc|"'), 'abc');
  });

  it('never an id or the start of one, and never outside a string', () => {
    assert.equal(query('"vg_f|"'), undefined);
    assert.equal(query('"vg_file_abc|"'), undefined);
    assert.equal(query('x vg_file_abc|'), undefined);
    assert.ok(isIdPrefix('vg_'));
    assert.ok(!isIdPrefix('vga'));
    assert.ok(!isIdPrefix(''));
  });

  it('known files match when every typed word is in their name or id', () => {
    assert.ok(matchesTyped('', 'Anything', 'vg_file_x'));
    assert.ok(matchesTyped('sun MOUNT', 'Mountain at sunrise', 'vg_file_x'));
    assert.ok(matchesTyped('file_x', 'Logo', 'vg_file_x'));
    assert.ok(!matchesTyped('sun moon', 'Mountain at sunrise', 'vg_file_x'));
  });
});

describe('completion: order', () => {
  it('pinned, then recently inserted, then listed, then found; each file once, in its first place', () => {
    const ordered = orderCandidates({ pinned: ['p1', 'p2'], recent: ['r1', 'p1'], listed: ['l1', 'r1', 'l2'], found: ['f1', 'l2', 'p2'] });
    assert.deepEqual(
      ordered.map((c) => `${c.origin}:${c.fileId}`),
      ['pinned:p1', 'pinned:p2', 'recent:r1', 'listed:l1', 'listed:l2', 'found:f1'],
    );
  });

  it('at most MAX_LISTED listed files', () => {
    const listed = Array.from({ length: 80 }, (_, i) => `l${i}`);
    assert.equal(orderCandidates({ pinned: [], recent: [], listed, found: [] }).length, MAX_LISTED);
  });

  it('sortText keeps the rank order as strings compare, each snippet right after its id', () => {
    const texts = [sortTextOf(10, 1), sortTextOf(2, 0), sortTextOf(10, 0), sortTextOf(2, 1), sortTextOf(100, 0)];
    assert.deepEqual([...texts].sort(), [sortTextOf(2, 0), sortTextOf(2, 1), sortTextOf(10, 0), sortTextOf(10, 1), sortTextOf(100, 0)]);
  });

  it('firstOf stops walking once it has enough', () => {
    let walked = 0;
    function* many(): Generator<number> {
      for (let i = 0; i < 1_000_000; i++) {
        walked++;
        yield i;
      }
    }
    assert.deepEqual(firstOf(many(), 3), [0, 1, 2]);
    assert.ok(walked <= 4, `walked ${walked}`);
  });
});
