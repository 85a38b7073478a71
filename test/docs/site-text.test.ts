/**
 * The text helpers of the docs build: Markdown writers checked against markdown-it (the parser
 * TypeDoc renders the site with), the Markdown twins, llms.txt, search snippets and ranking,
 * and what the try-it panel shows.
 */
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommentDisplayPart, Reflection } from 'typedoc';
import { argumentText, createdKey, parseArgument, prettyBody, rateLimitSummary, shortKey, shownHeader, statusLine } from '../../scripts/build/docs/browser/try-it-format.js';
import { firstSentence, llmsTxt } from '../../scripts/build/docs/llms-txt.js';
import { anchor, blocks, code, escapeHtml, fence, headingSlug, table } from '../../scripts/build/docs/markdown.js';
import { searchWeight, snippetOf } from '../../scripts/build/docs/search.js';
import { partsToMarkdown, plainMarkdown, twinUrl } from '../../scripts/build/docs/twins.js';

interface Token {
  type: string;
  tag: string;
  content: string;
  children: Token[] | null;
}
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (options?: { html?: boolean }) => { parse(src: string, env: object): Token[] };
const md = new MarkdownIt({ html: true });

describe('Markdown writers, read back by markdown-it', () => {
  it('keeps any text intact inside a code span', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => !/[\r\n]/.test(s) && s.trim() !== ''), (text) => {
        const inline = md.parse(`x ${code(text)} y`, {}).find((t) => t.type === 'inline')!;
        const spans = inline.children!.filter((t) => t.type === 'code_inline');
        expect(spans.map((t) => t.content)).toEqual([text]);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps any body intact inside a fence, whatever fences it holds', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('```', '````', '~~~', '  ```js', ''), fc.string().map((s) => s.replace(/[\r\n]/g, ''))), { minLength: 1 }), (lines) => {
        const body = lines.join('\n').replace(/\n+$/, '');
        fc.pre(body.trim() !== '');
        const fences = md.parse(fence('ts', body), {}).filter((t) => t.type === 'fence');
        expect(fences.map((t) => t.content)).toEqual([`${body}\n`]);
      }),
    );
  });

  it('keeps every row of a table to its columns, whatever the cells hold', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const tokens = md.parse(table(['a', 'b', 'c'], rows), {});
        expect(tokens.filter((t) => t.type === 'tr_open')).toHaveLength(rows.length + 1);
        expect(tokens.filter((t) => t.type === 'td_open')).toHaveLength(rows.length * 3);
      }),
    );
  });

  it('slugs headings as TypeDoc does, and escapes HTML', () => {
    expect(headingSlug('KEY_REVOKED')).toBe('key_revoked');
    expect(headingSlug('alerts_listActive')).toBe('alerts_listactive');
    expect(headingSlug('Request body: ClientCreate')).toBe('request-body-clientcreate');
    expect(headingSlug('!!!')).toBe('_');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
    expect(anchor('alerts_listActive')).toBe('<a id="alerts_listActive"></a>');
    expect(() => anchor('x" onclick="y')).toThrow(/not a plain id/);
    expect(blocks('a\n\n', false, undefined, '', 'b')).toBe('a\n\nb\n');
  });
});

describe('Markdown twins', () => {
  it('points links at twins, anchors kept', () => {
    expect(twinUrl('../documents/RMM.agents.list.html#parameters')).toBe('../documents/RMM.agents.list.md#parameters');
    expect(twinUrl('index.html')).toBe('index.md');
    expect(twinUrl('assets/style.css')).toBe('assets/style.css');
  });

  it('writes links of comments and documents to the twins of their targets', () => {
    const target = { id: 12, name: 'AgentsResource' } as unknown as Reflection;
    const parts: CommentDisplayPart[] = [
      { kind: 'text', text: 'See ' },
      { kind: 'inline-tag', tag: '@link', text: 'agents', target },
      { kind: 'text', text: ', ' },
      { kind: 'inline-tag', tag: '@linkcode', text: 'list', target: 'https://example.com/x' },
      { kind: 'text', text: ' and [the guide](' },
      { kind: 'relative-link', text: 'errors.md', target: 7 as never, targetAnchor: 'codes' },
      { kind: 'text', text: ').' },
    ];
    const links = { urlTo: (r: Reflection) => (r === target ? '../interfaces/AgentsResource.md' : undefined), resolveFile: (id: number) => (id === 7 ? target : undefined) };
    expect(partsToMarkdown(parts, links)).toBe('See [agents](../interfaces/AgentsResource.md), [`list`](https://example.com/x) and [the guide](../interfaces/AgentsResource.md#codes).');
  });

  it("turns the site's own HTML into plain Markdown", () => {
    const page = [
      '<p class="om-badges"><span class="om-method">GET</span> <code>/v1/a&#39;s</code> <span class="om-badge om-badge-stable">Stable</span></p>',
      '<a id="alerts_listActive"></a>',
      '<details><summary>Error examples (2)</summary>',
      '</details>',
      '<div class="om-try-it" data-operation="agents_list"></div>',
    ].join('\n');
    const plain = plainMarkdown(page);
    expect(plain).toContain("**GET** `/v1/a's` **Stable**");
    expect(plain).toContain('**Error examples (2)**');
    expect(plain).toContain('try-it panel of the HTML page');
    expect(plain).not.toMatch(/<\/?(p|span|a|details|div|code)\b/);
  });
});

describe('llms.txt', () => {
  it('flattens a first sentence and cuts it at a word', () => {
    expect(firstSentence('Lists **agents** with [filters](x.md). Then more.')).toBe('Lists agents with filters.');
    expect(firstSentence('Keys `om_live_` and `om_test_` work.')).toBe('Keys `om_live_` and `om_test_` work.');
    expect(firstSentence(`${'word '.repeat(60)}end.`, 40)).toMatch(/^(word ){6}word…$/);
  });

  it('writes the title, the summary, then a list per non-empty section', () => {
    const text = llmsTxt('T', 'Sum\nmary', 'Details.', [
      { title: 'Guides', entries: [{ title: 'Getting [started]', url: 'documents/Getting_started.md', description: 'First steps.' }] },
      { title: 'Empty', entries: [] },
    ]);
    expect(text).toBe('# T\n\n> Sum mary\n\nDetails.\n\n## Guides\n\n- [Getting started](documents/Getting_started.md): First steps.\n');
  });
});

describe('search', () => {
  it('ranks the resources and the operation pages first and leaves the mocks\' internals out', () => {
    expect(searchWeight({ kind: 'Method', depth: 1, module: '@opsmerge/sdk', parent: 'AgentsResource' })).toBe(3);
    expect(searchWeight({ kind: 'Document', depth: 0, operation: 'agents_reboot' })).toBe(3);
    expect(searchWeight({ kind: 'Property', depth: 1, module: '@opsmerge/mocks', parent: 'StoreData' })).toBe(0);
    expect(searchWeight({ kind: 'Interface', depth: 0, module: '@opsmerge/mocks' })).toBe(0);
    expect(searchWeight({ kind: 'Function', depth: 0, module: '@opsmerge/mocks' })).toBeGreaterThan(0);
    expect(searchWeight({ kind: 'Property', depth: 1, module: '@opsmerge/sdk', parent: 'Agent' })).toBeLessThan(3);
  });

  it('takes a snippet from the first prose of a page', () => {
    const page = '---\ntitle: x\n---\n# Title\n\n<p class="om-badges">GET</p>\n\n> **Deprecated** note\n\n| a | b |\n| - | - |\n\n```ts\nx\n```\n\nLists `agents`, ordered. More.\n';
    expect(snippetOf(page)).toBe('Lists agents, ordered.');
    expect(snippetOf('# Only a title\n')).toBe('');
  });
});

describe('what the try-it panel shows', () => {
  it('never shows more of a key than its prefix and last four characters', () => {
    fc.assert(
      fc.property(fc.constantFrom('om_test_', 'om_live_', ''), fc.string({ minLength: 12, maxLength: 60 }), (prefix, secret) => {
        const key = `${prefix}${secret}`;
        const shown = shortKey(key);
        expect(shown.endsWith(key.slice(-4))).toBe(true);
        expect(shown.replace(/…/, '').length).toBeLessThanOrEqual((prefix || key.slice(0, 4)).length + 4);
      }),
    );
    expect(shortKey('om_test_abc')).toBe('…');
    expect(shownHeader('Authorization', 'Bearer om_test_0123456789abcdef')).toBe('Bearer om_test_…cdef');
    expect(shownHeader('X-API-Key', 'om_live_0123456789abcdef')).toBe('om_live_…cdef');
    expect(shownHeader('content-type', 'application/json')).toBe('application/json');
  });

  it('states the rate-limit headers in words', () => {
    const headers: [string, string][] = [
      ['x-ratelimit-limit', '300'],
      ['X-RateLimit-Remaining', '0'],
      ['x-ratelimit-reset', '1796472060'],
      ['retry-after', '12'],
    ];
    expect(rateLimitSummary(headers, 1796472000_000)).toBe('0 of 300 requests left, window resets at 12:01:00 UTC (in 60 s), Retry-After: 12 s');
    expect(rateLimitSummary([['x-request-id', 'req_1']], 0)).toBeUndefined();
  });

  it("shows a status with its reason phrase, the response's own when it has one", () => {
    expect(statusLine(201, '')).toBe('201 Created');
    expect(statusLine(431, '')).toBe('431 Request Header Fields Too Large');
    expect(statusLine(200, 'Fine')).toBe('200 Fine');
    expect(statusLine(299, '')).toBe('299');
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), fc.string(), (status, text) => {
        expect(statusLine(status, text).startsWith(String(status))).toBe(true);
        expect(statusLine(status, text)).toBe(statusLine(status, text).trim());
      }),
    );
  });

  it('reads a created key from a response, and nothing else as one', () => {
    expect(createdKey('{"data":{"key":"om_test_abc123","api_key":{}}}')).toBe('om_test_abc123');
    expect(createdKey('{"data":{"key":"sk_live_x"}}')).toBeUndefined();
    expect(createdKey('not json')).toBeUndefined();
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody('<html>')).toBe('<html>');
  });

  it("parses the form's JSON argument, saying what is wrong with it", () => {
    expect(parseArgument('  ')).toBeUndefined();
    expect(parseArgument('{"status":"offline"}')).toEqual({ status: 'offline' });
    expect(() => parseArgument('{status:')).toThrow(/^the arguments are not JSON/);
    expect(() => parseArgument('[1]')).toThrow('the arguments must be a JSON object ({ … })');
    expect(() => parseArgument('null')).toThrow('the arguments must be a JSON object ({ … })');
    expect(argumentText({ body: 'none' }, { path: {}, query: { a: 1 } })).toBe('{\n  "a": 1\n}');
    expect(argumentText({ body: 'required' }, { path: {} })).toBe('');
  });
});
