/**
 * Values of a path, query or header parameter that break its schema, as text on the wire, each
 * breaking one constraint: not of the type (`abc` for an integer), out of range, not a whole
 * number, not one of the enum values, not matching the pattern, too long, too short, not of the
 * format. Never empty (servers and proxies read an empty parameter as absent, and the spec does
 * not say otherwise) and, for a path parameter, only letters, digits, `-` and `_`, so the request
 * still reaches the operation's route. Each value is checked against the schema with the
 * coercion a server applies to text.
 */
import fc from 'fast-check';
import { deref } from '../spec/document.js';
import type { SpecParameter } from '../spec/operations.js';
import { validateWireValue } from '../spec/validator.js';
import { NOT_OF_FORMAT } from './schema-keywords.js';
import { num } from './valid-values.js';

/** A parameter value that breaks the schema, and what it breaks. */
export interface ParameterViolation {
  readonly text: string;
  readonly broke: string;
}

const SAFE_TEXT = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);
const PRINTABLE_TEXT = fc.string({ minLength: 1, maxLength: 24 }).filter((t) => t.trim() !== '');

/** Violations of a parameter's schema; undefined when nothing it could be sent as breaks it. */
export function parameterViolations(p: SpecParameter): fc.Arbitrary<ParameterViolation> | undefined {
  const s = deref(p.schema);
  const where = `${p.in} ${p.name}`;
  const text = p.in === 'path' ? SAFE_TEXT : PRINTABLE_TEXT;
  const out: fc.Arbitrary<ParameterViolation>[] = [];
  const add = (values: fc.Arbitrary<string>, broke: string) => out.push(values.map((t) => ({ text: t, broke: `${where}: ${broke}` })));
  const type = s['type'];
  const enumValues = s['enum'] as unknown[] | undefined;
  if (enumValues) add(text.filter((t) => !enumValues.includes(t)), 'not one of the enum values');
  if (type === 'integer' || type === 'number') {
    add(fc.constantFrom('abc', 'ten', 'x1'), `not a ${type}`);
    if (type === 'integer') add(fc.constantFrom('1.5', '2.25'), 'not a whole number');
    const minimum = num(s['minimum']);
    const maximum = num(s['maximum']);
    if (minimum !== undefined) add(fc.integer({ min: Math.ceil(minimum) - 1000, max: Math.ceil(minimum) - 1 }).map(String), `below the minimum ${minimum}`);
    if (maximum !== undefined) add(fc.integer({ min: Math.floor(maximum) + 1, max: Math.floor(maximum) + 1000 }).map(String), `above the maximum ${maximum}`);
  }
  if (type === 'boolean') add(fc.constantFrom('maybe', 'yes', '2'), 'not a boolean');
  if (type === 'string' && !enumValues) {
    const maxLength = num(s['maxLength']);
    const minLength = num(s['minLength']) ?? 0;
    if (typeof s['pattern'] === 'string') {
      const re = new RegExp(s['pattern'], 'u');
      add(text.filter((t) => !re.test(t)), `does not match ${s['pattern']}`);
    }
    if (maxLength !== undefined && p.in !== 'path') add(fc.string({ minLength: maxLength + 1, maxLength: maxLength + 10, unit: 'grapheme-ascii' }), `longer than ${maxLength} characters`);
    if (minLength > 1) add(fc.string({ minLength: 1, maxLength: minLength - 1, unit: 'grapheme-ascii' }), `shorter than ${minLength} characters`);
    if (s['format'] !== undefined && p.in !== 'path') add(fc.constantFrom(...NOT_OF_FORMAT.filter((t) => t !== '')), `not a valid ${String(s['format'])}`);
  }
  if (out.length === 0) return undefined;
  // Sent as they are: printable, and not blank or padded (HTTP trims header values).
  const printable = p.in === 'header' ? /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/ : /^[^\r\n\0]*\S[^\r\n\0]*$/;
  return fc.oneof(...out).filter((v) => printable.test(v.text) && validateWireValue(p.schema, v.text, p.name).length > 0);
}
