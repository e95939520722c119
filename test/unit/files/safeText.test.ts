// Hostile API text on each UI surface (src/files/safeText.ts).
import { strict as assert } from 'node:assert';
import { inertText, untrustedMarkdown } from '../../../src/files/safeText';

describe('files: safe text', () => {
  it('Markdown: syntax, HTML, icons and autolinks render as the characters typed', () => {
    const md = untrustedMarkdown('<img src=x onerror=alert(1)> **b** [l](command:x) $(zap) see https://evil.example/a_b or www.x.io');
    for (const raw of ['<', '>', '**', '[l](', '$(', 'https://', 'www.', '\\']) assert.ok(!md.includes(raw), `${raw} survives in ${md}`);
    const decoded = md.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
    assert.equal(decoded, '<img src=x onerror=alert(1)> **b** [l](command:x) $(zap) see https://evil.example/a_b or www.x.io');
  });

  it('Markdown: no line can become a heading, a list, a quote or a code block', () => {
    const md = untrustedMarkdown('# h\n- item\n> quote\n        code\n1. one\n===');
    for (const line of md.split('\n').filter(Boolean)) assert.match(line, /^(&#\d+;| ?[a-z0-9])/, line);
    assert.ok(!/^ {4}/m.test(md), 'indentation is folded');
  });

  it('labels and notifications: one line, no icon or link syntax', () => {
    const text = inertText('a\nb $(zap) [x](command:y)\u202e');
    assert.ok(!text.includes('\n') && !text.includes('$(') && !text.includes('](') && !text.includes('\u202e'), text);
  });
});
