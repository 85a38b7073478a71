/**
 * Reading a secret: from a pipe (`opsmerge login < key.txt`) or from a hidden prompt on a
 * terminal. The prompt switches the terminal to raw mode and echoes nothing — not even
 * asterisks — so the key never appears on screen or in a terminal recording.
 */
import { CliError, ExitCode } from './exit-codes.js';
import type { Sink } from './output.js';

/** The input side of a terminal or pipe. */
export interface Source extends AsyncIterable<unknown> {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
  setEncoding?(encoding: BufferEncoding): unknown;
}

/** The most of a pipe {@link readAll} reads: a key is 40 characters, a key file a line or two. */
export const MAX_PIPED_SECRET_BYTES = 64 * 1024;

/**
 * Reads all of a pipe and trims it. A pipe that goes on past {@link MAX_PIPED_SECRET_BYTES}
 * (`yes | opsmerge login`, the wrong file) is a usage error, read no further.
 */
export async function readAll(input: Source): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
    size += bytes.byteLength;
    if (size > MAX_PIPED_SECRET_BYTES) {
      throw new CliError(`the input goes on past ${MAX_PIPED_SECRET_BYTES / 1024} KiB; an API key is 40 characters`, {
        exitCode: ExitCode.usage,
        code: 'USAGE',
        hint: 'pipe in a file that holds only the key: `opsmerge login < key.txt`',
      });
    }
    chunks.push(bytes);
  }
  // Decoded once, whole: a character split across two chunks stays one character.
  return Buffer.concat(chunks).toString('utf8').trim();
}

/**
 * Prompts on `output` and reads one line from the terminal `input` without echoing it.
 * Backspace edits; Enter or Ctrl-D ends; Ctrl-C cancels (exit 130, as shells do).
 */
export function readHidden(prompt: string, input: Source, output: Sink): Promise<string> {
  if (!input.setRawMode) return Promise.reject(new Error('readHidden needs a terminal'));
  const setRaw = input.setRawMode.bind(input);
  output.write(prompt);
  setRaw(true);
  input.setEncoding?.('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error): void => {
      input.off('data', onData);
      setRaw(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value.trim());
    };
    const onData = (chunk: Buffer | string): void => {
      // Drop escape sequences (arrow keys…) whole; they are not part of a key.
      const text = (typeof chunk === 'string' ? chunk : chunk.toString('utf8')).replace(/\u001b\[[0-9;]*[A-Za-z~]/g, '');
      for (const char of text) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new CliError('cancelled', { exitCode: ExitCode.interrupted, code: 'CANCELLED' }));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    input.on('data', onData);
  });
}

/** Reads a secret: hidden prompt on a terminal, else the whole of stdin. */
export async function readSecret(prompt: string, input: Source, output: Sink): Promise<string> {
  const value = input.isTTY === true ? await readHidden(prompt, input, output) : await readAll(input);
  if (value === '') {
    throw new CliError('no API key was given', {
      exitCode: ExitCode.usage,
      code: 'USAGE',
      hint: 'paste it at the prompt, or pipe it in: `opsmerge login < key.txt`',
    });
  }
  return value;
}
