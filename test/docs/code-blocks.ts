/**
 * Finds the fenced code blocks of a Markdown file, for the docs' sample test: each with its
 * language, its code (the fence's indentation removed) and the line its code starts on.
 */

/** One fenced code block. */
export interface CodeBlock {
  /** The file it was read from, as given. */
  readonly file: string;
  /** The info string's first word (`ts`, `sh`…), or `''` for a bare fence. */
  readonly lang: string;
  /** The rest of the info string, trimmed (`no-run: needs production` after `ts`). */
  readonly info: string;
  /** 1-based line of the block's first code line in the file. */
  readonly line: number;
  /** The code, without the fences. */
  readonly code: string;
}

/** Languages the sample test type-checks. */
export const TYPESCRIPT_FENCES: ReadonlySet<string> = new Set(['ts', 'typescript', 'mts']);

const OPEN = /^( {0,3}|\s*)(`{3,}|~{3,})\s*([^`\s]*)([^`]*)$/;

/** Every fenced block of `markdown`; an unclosed fence runs to the end of the file (CommonMark). */
export function extractCodeBlocks(markdown: string, file: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const fence = open[2]!;
    const lang = open[3]!.toLowerCase();
    const info = open[4]!.trim();
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      const close = line.trim();
      if (close.startsWith(fence[0]!.repeat(fence.length)) && /^(`+|~+)$/.test(close)) break;
      body.push(line.slice(Math.min(indent, line.length - line.trimStart().length)));
    }
    blocks.push({ file, lang, info, line: i + 2, code: body.join('\n') });
    i = j;
  }
  return blocks;
}
