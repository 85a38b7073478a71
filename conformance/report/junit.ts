/**
 * The report as JUnit XML, which every CI shows as tests: one test suite per operation of the
 * spec with one test case per check (failed with its message, curl line and replay command;
 * skipped with the reason it did not run), and a suite of the named scenarios.
 */
import { CHECK_NAMES } from '../checks/names.js';
import type { ConformanceReport } from '../run-conformance.js';

/** Escapes text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

interface Case {
  readonly name: string;
  readonly failure?: { readonly message: string; readonly body: string };
  readonly skipped?: string;
}

function suite(name: string, cases: readonly Case[]): string {
  const failures = cases.filter((c) => c.failure).length;
  const skipped = cases.filter((c) => c.skipped !== undefined && !c.failure).length;
  const body = cases.map((c) => {
    const open = `    <testcase classname="${xmlEscape(name)}" name="${xmlEscape(c.name)}"`;
    if (c.failure) return `${open}>\n      <failure message="${xmlEscape(c.failure.message)}">${xmlEscape(c.failure.body)}</failure>\n    </testcase>`;
    if (c.skipped !== undefined) return `${open}>\n      <skipped message="${xmlEscape(c.skipped)}"/>\n    </testcase>`;
    return `${open}/>`;
  });
  return [`  <testsuite name="${xmlEscape(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`, ...body, '  </testsuite>'].join('\n');
}

/** The report as a JUnit XML document. */
export function toJUnit(report: ConformanceReport): string {
  const suites: string[] = [];
  if (report.scenarios) {
    const cases: Case[] = [
      ...report.scenarios.operations.map((o) => ({ name: `${o.operationId} (${o.method} ${o.path})`, ...verdict(o.verdict, o.reasons) })),
      ...report.scenarios.flows.map((f) => ({ name: `flow: ${f.title}`, ...verdict(f.verdict, f.reasons) })),
    ];
    suites.push(suite('named scenarios', cases));
  }
  if (report.generated) {
    const g = report.generated;
    for (const op of g.operations) {
      const cases: Case[] = CHECK_NAMES.flatMap((check): Case[] => {
        const tally = op.checks[check];
        const failure = g.failures.find((f) => f.check === check && f.operationId === op.operationId);
        const reason = op.notRun[check];
        if (failure) {
          const body = [failure.message, ...(failure.broke ? [`the request broke ${failure.broke}`] : []), failure.curl, `replay: ${failure.replay}`].join('\n');
          return [{ name: check, failure: { message: failure.message, body } }];
        }
        if (tally && tally.failed > 0) return [{ name: check, failure: { message: `failed ${tally.failed} times`, body: `failed ${tally.failed} times` } }];
        if (tally) return [{ name: check }];
        if (reason !== undefined) return [{ name: check, skipped: reason }];
        return [];
      });
      suites.push(suite(`${op.operationId} (${op.method} ${op.path})`, cases));
    }
  }
  const tests = suites.join('\n');
  const attributes = report.generated ? ` seed="${report.generated.seed}" index="${report.generated.coverage.index.toFixed(4)}" score="${report.generated.score.value.toFixed(4)}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="OpsMerge API conformance — ${xmlEscape(report.baseUrl)}"${attributes}>\n${tests}\n</testsuites>\n`;
}

function verdict(v: 'PASS' | 'FAIL' | 'SKIP', reasons: readonly string[]): Omit<Case, 'name'> {
  if (v === 'FAIL') return { failure: { message: reasons.join('; ') || 'failed', body: reasons.join('\n') } };
  if (v === 'SKIP') return { skipped: reasons.join('; ') };
  return {};
}
