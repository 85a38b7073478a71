import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../cli/exit-codes.js';
import { MAX_PIPED_SECRET_BYTES, readAll, readHidden, readSecret, type Source } from '../../cli/prompt.js';

class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  raw: boolean[] = [];
  setRawMode(mode: boolean): this {
    this.raw.push(mode);
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
  type(text: string): void {
    this.emit('data', Buffer.from(text));
  }
  async *[Symbol.asyncIterator](): AsyncGenerator<unknown> {}
}

function output(): { text: string; write(chunk: string): boolean } {
  return { text: '', write(chunk) { this.text += chunk; return true; } };
}

describe('reading a secret', () => {
  it('prompts, reads a line in raw mode and echoes none of it', async () => {
    const terminal = new FakeTerminal();
    const out = output();
    const secret = readHidden('Key: ', terminal as unknown as Source, out);
    terminal.type('om_test_abc');
    terminal.type('X\u007f'); // a typo, then backspace
    terminal.type('def\r');
    await expect(secret).resolves.toBe('om_test_abcdef');
    expect(out.text).toBe('Key: \n');
    expect(terminal.raw).toEqual([true, false]);
  });

  it('ignores arrow keys and ends on Ctrl-D', async () => {
    const terminal = new FakeTerminal();
    const secret = readHidden('Key: ', terminal as unknown as Source, output());
    terminal.type('ab\u001b[Dc\u0004');
    await expect(secret).resolves.toBe('abc');
  });

  it('cancels on Ctrl-C with exit code 130 and leaves raw mode', async () => {
    const terminal = new FakeTerminal();
    const secret = readHidden('Key: ', terminal as unknown as Source, output());
    terminal.type('om_\u0003');
    await expect(secret).rejects.toMatchObject({ exitCode: 130, code: 'CANCELLED' });
    expect(terminal.raw).toEqual([true, false]);
  });

  it('reads the whole of a pipe, trimmed, and refuses an empty one', async () => {
    const pipe = (chunks: string[]) => Object.assign((async function* () { yield* chunks.map((c) => Buffer.from(c)); })(), { isTTY: false }) as unknown as Source;
    await expect(readSecret('Key: ', pipe(['om_test_', 'abc\n']), output())).resolves.toBe('om_test_abc');
    await expect(readSecret('Key: ', pipe(['  \n']), output())).rejects.toBeInstanceOf(CliError);
  });

  it('reads a piped key split across chunks, a character split between two of them included', async () => {
    const bytes = Buffer.from('  om_test_abc ✓\n');
    const split = bytes.indexOf(Buffer.from('✓')) + 1; // inside the 3-byte character
    async function* pipe(): AsyncGenerator<Buffer> {
      yield bytes.subarray(0, split);
      yield bytes.subarray(split);
    }
    expect(await readAll(pipe() as unknown as Source)).toBe('om_test_abc ✓');
  });

  it('stops reading a pipe that goes on past 64 KiB: a usage error, and no more is pulled', async () => {
    let pulled = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      for (;;) {
        pulled += 1;
        yield Buffer.alloc(1024, 0x79);
      }
    }
    const error = await readAll(endless() as unknown as Source).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message).toBe('the input goes on past 64 KiB; an API key is 40 characters');
    expect(pulled).toBe(MAX_PIPED_SECRET_BYTES / 1024 + 1);
  });
});
