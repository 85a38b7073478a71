import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type RunningMockServer } from '../../mocks/node-server.js';
import { cellText, Output, pickColumns } from '../../cli/output.js';
import { runInProcess } from './helpers.js';

function sink(): { text: string; write(chunk: string): boolean } {
  return { text: '', write(chunk) { this.text += chunk; return true; } };
}

describe('table output', () => {
  it('writes null as -, lists comma-joined, objects as JSON, and truncates long cells', () => {
    expect(cellText(null)).toBe('-');
    expect(cellText(['a', 'b'])).toBe('a, b');
    expect(cellText({ a: 1 })).toBe('{"a":1}');
    expect(cellText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('never lets control characters from API data reach the terminal', () => {
    expect(cellText('evil\u001b[2Jname\u0007')).toBe('evil [2Jname ');
  });

  it('picks id, a label and status first, and at most seven columns', () => {
    const rows = [{ notes: 'n', status: 'open', id: 'x', subject: 's', a: 1, b: 2, c: 3, d: 4, e: 5, nested: { x: 1 } }];
    expect(pickColumns(rows).map((c) => c.key)).toEqual(['id', 'subject', 'status', 'notes', 'a', 'b', 'c']);
  });

  it('prints a borderless table with headings, and JSON or NDJSON in the machine formats', () => {
    const stdout = sink();
    new Output({ stdout, stderr: sink(), format: 'table', color: false }).table([{ id: 'a1', name: 'Alpha' }, { id: 'b22', name: null }]);
    expect(stdout.text).toBe('ID    NAME\na1    Alpha\nb22   -\n');
    const lines = sink();
    const ndjson = new Output({ stdout: lines, stderr: sink(), format: 'ndjson', color: false });
    ndjson.json({ a: 1 });
    ndjson.json({ b: 2 });
    expect(lines.text).toBe('{"a":1}\n{"b":2}\n');
  });
});

describe('the progress bar of a list walk (in-process, stderr a terminal)', () => {
  let mock: RunningMockServer;
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, seed: 19 });
  });
  afterAll(() => mock.close());

  it('draws done/total per page on stderr, then clears it before the output', async () => {
    const { code, stdout, stderr } = await runInProcess(['tickets', 'list', '--all', '--per-page', '50', '--ndjson', '--base-url', mock.url, '--api-key', mock.api.testKey], { stderrIsTTY: true });
    expect(code).toBe(0);
    const total = mock.api.store.data.tickets.length;
    expect(stdout.trim().split('\n')).toHaveLength(total);
    expect(stderr).toContain(`] 50/${total} tickets`);
    expect(stderr).toContain(`] ${total}/${total} tickets`);
    expect(stderr.endsWith('\r\u001b[2K')).toBe(true);
  });
});
