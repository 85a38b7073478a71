/**
 * One operation's reference page, as Markdown for TypeDoc: method and path, badges, the SDK,
 * low-level and CLI calls, scopes, parameters with their limits, the request and response
 * examples, the statuses and error codes with what the SDK throws, the samples, and the
 * place of the try-it panel.
 */
import { cliCommand, commandLine } from './cli-commands.js';
import { blocks, code, escapeHtml, fence, jsonFence, table } from './markdown.js';
import type { FieldDoc, OperationDoc, ResponseDoc } from './model.js';
import { curlSample, lowLevelSample, methodCall, sampleArgs, typeScriptSample, type SampleArgs } from './samples.js';
import { PAGE_FILES, resourceInterface, sdkLink, toHeading } from './site-links.js';

/** What a page needs beyond the operation itself. */
export interface RenderContext {
  /** The path from the generated folder to docs/, ending in `/`. */
  readonly guides: string;
  /** The sandbox's base URL, for curl samples. */
  readonly sandboxUrl: string;
  /** The name of the class the SDK throws for an error response (`AuthenticationError`). */
  readonly errorClass: (status: number, code: string) => string;
  /** Every operation by id, to name successors. */
  readonly operations: ReadonlyMap<string, OperationDoc>;
}

/** The samples of a page; the test suite type-checks and runs the same ones. */
export interface OperationSamples {
  readonly args: SampleArgs;
  readonly typescript: string;
  readonly lowLevel: string;
  readonly curl: string;
  /** Arguments of `opsmerge`, when the CLI has a command for the operation. */
  readonly cli?: readonly string[];
}

/** The samples of an operation, with the given arguments (by default its spec examples). */
export function operationSamples(op: OperationDoc, sandboxUrl: string, args: SampleArgs = sampleArgs(op)): OperationSamples {
  const cli = cliCommand(op, args);
  return {
    args,
    typescript: typeScriptSample(op, args),
    lowLevel: lowLevelSample(op, args),
    curl: curlSample(op, args, sandboxUrl),
    ...(cli ? { cli: cli.argv } : {}),
  };
}

const TIER_LABEL = { stable: 'Stable', beta: 'Beta', internal: 'Internal' } as const;

/** A badge: a span the site's CSS colours, plain text in the Markdown twin. */
export function badge(kind: string, label: string): string {
  return `<span class="om-badge om-badge-${kind}">${label}</span>`;
}

/** `client.GET('/v1/agents/{agent_id}', { params: { path: { agent_id } } })`: the low-level call's shape. */
function lowLevelShape(op: OperationDoc): string {
  const params: string[] = [];
  if (op.info.pathParams.length > 0) params.push(`path: { ${op.info.pathParams.join(', ')} }`);
  if (op.info.queryParams.length > 0) params.push('query');
  const options: string[] = [];
  if (params.length > 0) options.push(`params: { ${params.join(', ')} }`);
  if (op.info.body !== 'none') options.push('body');
  return `client.${op.info.method}('${op.info.path}'${options.length > 0 ? `, { ${options.join(', ')} }` : ''})`;
}

/** The successor as an SDK call: `alerts.list({ status: 'active' })`. */
export function successorCall(op: OperationDoc, ctx: RenderContext): string | undefined {
  const successor = op.successor && ctx.operations.get(op.successor.operationId);
  if (!op.successor || !successor) return undefined;
  return methodCall(successor.info, { path: Object.fromEntries(successor.info.pathParams.map((p) => [p, p.toUpperCase()])), query: op.successor.query });
}

function deprecation(op: OperationDoc, ctx: RenderContext): string | undefined {
  if (!op.info.deprecated) return undefined;
  const call = successorCall(op, ctx);
  const parts = [`**Deprecated**${op.info.deprecatedAt ? ` since ${op.info.deprecatedAt}` : ''}.`];
  if (op.info.sunset) parts.push(`It stops working on **${op.info.sunset}** (its sunset): from that day the SDK throws \`SunsetError\` before sending.`);
  if (call && op.successor) parts.push(`Use [${code(call)}](${PAGE_FILES.operation(op.successor.operationId)}) instead.`);
  parts.push(`Responses carry \`Deprecation\`, \`Sunset\` and \`Link\` headers; see the [changelog entry](${toHeading(PAGE_FILES.changelog, op.info.operationId)}).`);
  return `> ${parts.join(' ')}`;
}

function values(field: FieldDoc): string {
  const parts = [...field.limits];
  if (field.enum) {
    const shown = field.enum.slice(0, 12).map((v) => code(String(v)));
    parts.push(`one of ${shown.join(', ')}${field.enum.length > shown.length ? `, … (${field.enum.length} values)` : ''}`);
  }
  return parts.join('; ');
}

function fieldTable(fields: readonly FieldDoc[], withLocation: boolean): string {
  const header = withLocation ? ['Name', 'In', 'Type', 'Required', 'Default', 'Limits and values', 'Description'] : ['Name', 'Type', 'Required', 'Default', 'Limits and values', 'Description'];
  return table(
    header,
    fields.map((f) => {
      const row = [code(f.name), code(f.type), f.required ? 'yes' : 'no', f.default === undefined ? '' : code(JSON.stringify(f.default)), values(f), f.description];
      return withLocation ? [row[0]!, f.in, ...row.slice(1)] : row;
    }),
  );
}

/** A response's description without the status it repeats ("401 — Missing…" → "Missing…"). */
function describe(response: ResponseDoc): string {
  return response.description.replace(new RegExp(`^${response.status}\\s*[—–-]\\s*`), '');
}

function successSection(op: OperationDoc): string {
  const success = op.responses.filter((r) => r.status.startsWith('2'));
  return blocks(
    '## Response',
    ...success.map((r) =>
      blocks(
        `### ${r.status}`,
        describe(r),
        r.headers.length > 0 && `Headers: ${r.headers.map(code).join(', ')}.`,
        op.info.paginated && 'The SDK unwraps the envelope: awaiting the call gives the first page; iterating it gives every item, page after page.',
        ...r.examples.map((e) => jsonFence(e.value)),
      ),
    ),
  );
}

function errorSection(op: OperationDoc, ctx: RenderContext): string {
  const errors = op.responses.filter((r) => !r.status.startsWith('2'));
  if (errors.length === 0) return '';
  const rows = errors.map((r) => {
    const status = Number(r.status);
    const codes = r.errorCodes.map((c) => `[${code(c)}](${toHeading(PAGE_FILES.errors, c)})`).join(', ');
    const classes = [...new Set((r.errorCodes.length > 0 ? r.errorCodes : ['']).map((c) => ctx.errorClass(status, c)))].map((c) => sdkLink(c));
    return [code(r.status), describe(r), codes, classes.join(', ')];
  });
  const examples = errors.flatMap((r) => r.examples.map((e) => ({ status: r.status, ...e })));
  return blocks(
    '## Statuses and errors',
    `Every error response carries the error envelope with one code of the [error catalogue](${PAGE_FILES.errors}); the SDK throws the class shown (see [Errors](${ctx.guides}errors.md)).`,
    table(['Status', 'When', 'Codes', 'SDK throws'], rows),
    examples.length > 0 && `<details><summary>Error examples (${examples.length})</summary>`,
    ...examples.map((e) => blocks(`${code(e.status)} ${e.summary ? code(e.summary) : e.name}`, jsonFence(e.value))),
    examples.length > 0 && '</details>',
  );
}

function facts(op: OperationDoc, samples: OperationSamples): string {
  const { info } = op;
  const sdk = `client.${methodCall(info, samples.args)}`;
  const lines = [
    `- **SDK:** ${code(sdk.length <= 100 ? sdk : `client.${info.resource}.${info.name}(…)`)} — ${sdkLink(`${resourceInterface(info.resource)}.${info.name}`, `${resourceInterface(info.resource)}.${info.name}`)}`,
    `- **Low-level:** ${code(lowLevelShape(op))}`,
    `- **CLI:** ${samples.cli ? code(commandLine(samples.cli)) : 'no command; use the SDK or curl'}`,
    `- **Scopes:** ${info.scopes.length > 0 ? info.scopes.map(code).join(', ') : 'none: any valid key'}`,
    `- **Rate limit:** ${op.rateLimit.limit} requests per ${op.rateLimit.windowSeconds} s per key (the ${code(op.rateLimit.group)} budget)`,
  ];
  if (info.paginated) lines.push('- **Pagination:** `page` and `per_page`; the SDK iterates every page');
  if (info.idempotencyKey) lines.push('- **Retries:** safe; the SDK sends an `Idempotency-Key`, the same on every attempt');
  if (info.stability !== 'stable') lines.push(`- **Client:** ${code(`createClient({ stability: '${info.stability}' })`)}`);
  return lines.join('\n');
}

function samplesSection(samples: OperationSamples): string {
  return blocks(
    '## Samples',
    'Each sample runs as shown against the sandbox, with your key in `OPSMERGE_API_KEY`.',
    '### TypeScript',
    fence('ts', samples.typescript),
    '### TypeScript, low-level',
    fence('ts', samples.lowLevel),
    '### curl',
    fence('sh', samples.curl),
    samples.cli && '### CLI',
    samples.cli && fence('sh', commandLine(samples.cli)),
  );
}

/** The page's Markdown (front matter included). */
export function operationPage(op: OperationDoc, samples: OperationSamples, ctx: RenderContext): string {
  const { info } = op;
  const badges = [`<span class="om-method">${info.method}</span> <code>${escapeHtml(info.path)}</code>`, badge(info.stability, TIER_LABEL[info.stability])];
  if (info.deprecated) badges.push(badge('deprecated', info.sunset ? `Deprecated · sunset ${info.sunset}` : 'Deprecated'));
  const parameters = op.parameters.filter((p) => p.in !== 'header');
  const headers = op.parameters.filter((p) => p.in === 'header');
  return blocks(
    ['---', `title: ${info.resource}.${info.name}`, `operation: ${info.operationId}`, '---'].join('\n'),
    `# ${info.summary}`,
    `<p class="om-badges">${badges.join(' ')}</p>`,
    deprecation(op, ctx),
    op.description,
    facts(op, samples),
    '## Parameters',
    parameters.length > 0 ? fieldTable(parameters, true) : 'None.',
    headers.length > 0 && blocks('Headers:', fieldTable(headers, false)),
    op.body && blocks(`## Request body${op.body.schema ? `: ${op.body.schema}` : ''}`, op.body.required ? 'Required.' : 'Optional.', op.body.fields.length > 0 && fieldTable(op.body.fields, false), op.body.example !== undefined && blocks('Example:', jsonFence(op.body.example))),
    successSection(op),
    errorSection(op, ctx),
    samplesSection(samples),
    '## Try it',
    `<div class="om-try-it" data-operation="${info.operationId}"></div>`,
    'The panel above runs the stateful mock in this page: no server, no key, nothing leaves your browser.',
  );
}
