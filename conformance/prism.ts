/**
 * Prism (`prism mock` on the spec) as a target of the generated checks: it keeps no state, so the
 * run is `stateless`, and three of its defects would fail the same way on every run. They are
 * waived or not sent, by name and with the reason, so the report still shows them. Nor does it
 * know the spec's `x-unknown-query-parameters` (OpenAPI has no keyword for it): it ignores a
 * query parameter an operation does not define, so that case is not sent either — the rule
 * holds for the stateful mock and the API only.
 */
import type { ConformanceOptions } from './run-conformance.js';

/** The known defects of Prism 5, as options of {@link runConformance}. */
export const PRISM_KNOWN_DEFECTS: Required<Pick<ConformanceOptions, 'waive' | 'skipCase'>> = {
  waive: (_op, outcome) => {
    if (outcome.check === 'unsupported_method' && /405 without an Allow header/.test(outcome.message ?? '')) {
      return 'Prism 5 answers an undocumented method 405 as application/problem+json, without Allow';
    }
    if (outcome.check === 'response_headers_conformance' && /^\d+: Deprecation "true" must match/.test(outcome.message ?? '')) {
      return "Prism 5 sends the draft's Deprecation: true, not RFC 9745's @<epoch-seconds> the spec declares";
    }
    return undefined;
  },
  skipCase: (c) => {
    if (c.broke === 'body: malformed JSON') return 'Prism 5 never answers a malformed JSON body (stoplightio/prism#2664)';
    if (c.broke?.endsWith(': not a parameter of the operation')) return "Prism serves the spec, which cannot say a query is closed: it ignores unknown query parameters (the spec's x-unknown-query-parameters)";
    return undefined;
  },
};
