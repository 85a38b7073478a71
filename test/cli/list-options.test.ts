import { describe, expect, it } from 'vitest';
import { parseLink } from '../../cli/commands/events.js';
import { parseScopes } from '../../cli/commands/keys.js';
import { CliError } from '../../cli/exit-codes.js';
import { flagOf, integerParser, kebab, parseTime } from '../../cli/list-options.js';

const NOW = Date.parse('2026-11-22T09:00:00Z');

describe('options generated from the operations table', () => {
  it('names flags in kebab case and steps around the CLI\'s own names', () => {
    expect(kebab('client_id')).toBe('client-id');
    expect(kebab('scriptRuns')).toBe('script-runs');
    expect(kebab('m365Licenses')).toBe('m365-licenses');
    expect(flagOf('min_stars')).toBe('min-stars');
    expect(flagOf('limit')).toBe('filter-limit');
  });

  it('parses times as RFC 3339, a date, or a span back from now', () => {
    expect(parseTime('2026-11-01', '--since', () => NOW)).toBe('2026-11-01T00:00:00Z');
    expect(parseTime('2026-11-01T08:30:00+01:00', '--since', () => NOW)).toBe('2026-11-01T07:30:00Z');
    expect(parseTime('24h', '--since', () => NOW)).toBe('2026-11-21T09:00:00Z');
    expect(parseTime('7d', '--since', () => NOW)).toBe('2026-11-15T09:00:00Z');
    expect(parseTime('30m', '--since', () => NOW)).toBe('2026-11-22T08:30:00Z');
    expect(() => parseTime('yesterday', '--since', () => NOW)).toThrow(/--since must be a date/);
    expect(() => parseTime('2026-13-45', '--since', () => NOW)).toThrow(/--since must be a date/);
  });

  it('parses whole numbers within the parameter\'s bounds', () => {
    const perPage = integerParser('--per-page', 1, 100);
    expect(perPage('100')).toBe(100);
    expect(() => perPage('0')).toThrow(/at least 1/);
    expect(() => perPage('101')).toThrow(/at most 100/);
    expect(() => perPage('1.5')).toThrow(/whole number/);
  });
});

describe('hand-written option parsers', () => {
  it('parses --scopes with commas or spaces and rejects what is not a scope', () => {
    expect(parseScopes('agents:read, alerts:write agents:read')).toEqual(['agents:read', 'alerts:write']);
    expect(parseScopes('admin')).toEqual(['admin']);
    expect(() => parseScopes('agents:all')).toThrow(CliError);
    // Well formed but not in the catalogue: the API has psa_tickets:write, not tickets:write.
    expect(() => parseScopes('tickets:write')).toThrow(/not a scope: tickets:write/);
    expect(() => parseScopes(' , ')).toThrow(/--scopes is empty/);
  });

  it('parses --link as URL or TEXT=URL and collects repeats', () => {
    expect(parseLink('https://grafana.example/d/1')).toEqual([{ href: 'https://grafana.example/d/1', text: 'https://grafana.example/d/1' }]);
    expect(parseLink('Runbook=https://wiki.example/a?b=c', [{ href: 'https://x.example', text: 'x' }])).toEqual([
      { href: 'https://x.example', text: 'x' },
      { href: 'https://wiki.example/a?b=c', text: 'Runbook' },
    ]);
    expect(() => parseLink('wiki page')).toThrow(/--link takes a URL or TEXT=URL/);
  });
});
