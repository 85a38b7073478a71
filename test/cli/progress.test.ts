import { describe, expect, it } from 'vitest';
import { createProgress, renderBar } from '../../cli/progress.js';

function sink(isTTY: boolean, columns = 80): { text: string; isTTY: boolean; columns: number; write(chunk: string): boolean } {
  return { text: '', isTTY, columns, write(chunk) { this.text += chunk; return true; } };
}

describe('the progress bar', () => {
  it('renders done/total with a bar that fills in proportion', () => {
    expect(renderBar(0, 200, 'tickets', 80)).toMatch(/^\[-+\] 0\/200 tickets$/);
    expect(renderBar(100, 200, 'tickets', 80)).toMatch(/^\[#{20}-{20}\] 100\/200 tickets$/);
    expect(renderBar(200, 200, 'tickets', 80)).toMatch(/^\[#{40}\] 200\/200 tickets$/);
  });

  it('fits a narrow terminal and never divides by zero', () => {
    expect(renderBar(5, 10, 'agents', 30).length).toBeLessThanOrEqual(30);
    expect(renderBar(0, 0, 'agents', 80)).toMatch(/^\[-+\] 0\/0 agents$/);
  });

  it('draws on a terminal with carriage returns and clears its line', () => {
    const stream = sink(true);
    const progress = createProgress(stream, 'agents')!;
    progress.update(50, 100);
    progress.update(100, 100);
    progress.clear();
    expect(stream.text).toBe(`\r\u001b[2K${renderBar(50, 100, 'agents', 80)}\r\u001b[2K${renderBar(100, 100, 'agents', 80)}\r\u001b[2K`);
    expect(stream.text).not.toContain('\n');
  });

  it('is not drawn when the stream is not a terminal', () => {
    expect(createProgress(sink(false), 'agents')).toBeUndefined();
  });
});
