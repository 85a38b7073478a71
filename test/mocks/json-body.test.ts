/** mocks/pipeline/json-body.ts: how the mock reads a request body as JSON, and what it refuses. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MockApiError } from '../../mocks/pipeline/errors.js';
import { parseJsonBody } from '../../mocks/pipeline/json-body.js';
import { BODY_LIMIT_BYTES, JSON_DEPTH_LIMIT } from '../../mocks/pipeline/limits.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function refusal(body: Uint8Array, contentType: string | null = 'application/json'): { status: number; code: string; message: string } | undefined {
  try {
    parseJsonBody(body, contentType);
    return undefined;
  } catch (error) {
    if (!(error instanceof MockApiError)) throw error;
    return { status: error.status, code: error.code, message: error.message };
  }
}

describe('parseJsonBody', () => {
  it('reads any JSON value sent as UTF-8, whatever the JSON media type', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(null, 'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON;charset="UTF-8"', 'application/merge-patch+json'), (value, type) => {
        expect(parseJsonBody(bytes(JSON.stringify(value)), type)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('treats an empty or blank body as no body', () => {
    expect(parseJsonBody(new Uint8Array(), 'application/json')).toBeUndefined();
    expect(parseJsonBody(bytes(' \r\n\t'), 'text/plain')).toBeUndefined();
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(parseJsonBody(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"a":"é"}')]), 'application/json')).toEqual({ a: 'é' });
  });

  it('refuses invalid UTF-8 with 400 instead of reading it as U+FFFD', () => {
    for (const invalid of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]]) {
      const body = new Uint8Array([...bytes('{"subject":"'), ...invalid, ...bytes('"}')]);
      expect(refusal(body)).toEqual({ status: 400, code: 'BAD_REQUEST', message: 'Request body is not valid UTF-8' });
    }
  });

  it('refuses other media types and charsets with 400 naming them', () => {
    expect(refusal(bytes('{}'), 'text/plain')?.message).toBe('Content-Type must be application/json, got text/plain');
    expect(refusal(bytes('{}'), ';;;')?.code).toBe('BAD_REQUEST');
    expect(refusal(bytes('{}'), 'application/json; charset=latin1')?.message).toMatch(/charset latin1 is not accepted/);
    expect(refusal(bytes('{}'), 'application/json; charset=')?.message).toMatch(/charset \(empty\)/);
  });

  it('refuses a compressed body with 400 naming the encoding, and accepts identity', () => {
    expect(() => parseJsonBody(bytes('{}'), 'application/json', 'gzip')).toThrow('Content-Encoding gzip is not accepted: send the body uncompressed');
    expect(parseJsonBody(bytes('{}'), 'application/json', 'identity')).toEqual({});
    expect(parseJsonBody(new Uint8Array(), 'application/json', 'gzip')).toBeUndefined();
  });

  it('refuses text that is not JSON, truncated JSON included, with 400', () => {
    for (const text of ['{', '{"a":', 'nul', '[1,]', "{'a':1}", '{"a":1}}', 'NaN']) expect(refusal(bytes(text))?.message, text).toBe('Request body is not valid JSON');
  });

  it(`refuses nesting deeper than ${JSON_DEPTH_LIMIT} levels with 400, before parsing it`, () => {
    expect(parseJsonBody(bytes('['.repeat(JSON_DEPTH_LIMIT) + ']'.repeat(JSON_DEPTH_LIMIT)), null)).toBeDefined();
    const deep = '['.repeat(400_000) + ']'.repeat(400_000);
    expect(refusal(bytes(deep))?.message).toBe(`Request body nests arrays and objects deeper than ${JSON_DEPTH_LIMIT} levels`);
  });

  it('refuses an object that repeats a key with 400 naming the key and where it is', () => {
    expect(refusal(bytes('{"labels":{"env":"a","env":"b"}}'))?.message).toBe('Request body repeats the key "env" at /labels/env');
  });

  it('reads huge numbers as JSON.parse does, leaving their range to the schema', () => {
    expect(parseJsonBody(bytes('{"n":1e400,"m":-1e400,"i":123456789012345678901234567890}'), null)).toEqual({ n: Infinity, m: -Infinity, i: 1.2345678901234568e29 });
  });

  it(`refuses a body over ${BODY_LIMIT_BYTES} bytes with 413, however it is encoded`, () => {
    expect(refusal(new Uint8Array(BODY_LIMIT_BYTES + 1))).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body is over the limit of ${BODY_LIMIT_BYTES} bytes` });
    expect(refusal(bytes(`"${'a'.repeat(BODY_LIMIT_BYTES - 2)}"`))).toBeUndefined();
  });
});
