/** The report as one JSON document, for CI steps that read it (format `opsmerge-conformance/1`). */
import type { ConformanceReport } from '../run-conformance.js';

/** The JSON report's format name; a change that breaks readers changes the number. */
export const JSON_REPORT_FORMAT = 'opsmerge-conformance/1';

/** The report as JSON text. */
export function toJson(report: ConformanceReport): string {
  return `${JSON.stringify({ format: JSON_REPORT_FORMAT, ...report }, null, 2)}\n`;
}
