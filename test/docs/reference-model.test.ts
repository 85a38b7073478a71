/**
 * The reference's data and calls, as pure functions: schemas described in words, the model
 * read from the spec, the SDK/low-level/curl/CLI calls built from a sample's arguments, and
 * the search for arguments the seeded mock accepts.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operations, type OperationInfo } from '@opsmerge/sdk';
import spec from '@opsmerge/sdk/openapi.json' with { type: 'json' };
import { buildProgram } from '../../cli/program.js';
import type { OpenApiDocument } from '../../scripts/codegen/spec-types.js';
import { cliCommand, commandLine } from '../../scripts/build/docs/cli-commands.js';
import { buildReference, errorCatalogue, successorQuery, type OperationDoc } from '../../scripts/build/docs/model.js';
import { runnableArgs, slotsOf, withoutFields, withValues, type Probe, type SeededValues } from '../../scripts/build/docs/runnable-args.js';
import { curlSample, lowLevelCall, methodCall, requestUrl, sampleArgs, shellQuote, typeScriptSample } from '../../scripts/build/docs/samples.js';
import { enumOf, limitsOf, resolveSchema, typeText, type SchemaTable } from '../../scripts/build/docs/schema-text.js';

const doc = spec as unknown as OpenApiDocument;
const reference = buildReference(doc, operations);
const op = (id: string): OperationDoc => reference.operations.find((o) => o.info.operationId === id)!;

describe('schemas in words', () => {
  const schemas: SchemaTable = { Scope: { type: 'string', enum: ['a:read', 'b:write'] }, Loop: { $ref: '#/components/schemas/Loop' }, Name: { type: 'string', minLength: 1, maxLength: 100 } };

  it('names types: formats, arrays, references, unions and nullable types', () => {
    expect(typeText({ type: 'string', format: 'date-time' }, schemas)).toBe('string (date-time)');
    expect(typeText({ type: 'array', items: { $ref: '#/components/schemas/Scope' } }, schemas)).toBe('array of Scope');
    expect(typeText({ type: ['string', 'null'] }, schemas)).toBe('string | null');
    expect(typeText({ oneOf: [{ type: 'integer' }, { type: 'string' }] }, schemas)).toBe('integer | string');
    expect(typeText({ const: 'x' }, schemas)).toBe('"x"');
    expect(typeText(undefined, schemas)).toBe('any');
  });

  it('states limits through references, and stops on a reference cycle', () => {
    expect(limitsOf({ $ref: '#/components/schemas/Name' }, schemas)).toEqual(['1–100 characters']);
    expect(limitsOf({ type: 'integer', minimum: 1, maximum: 100 }, schemas)).toEqual(['1–100']);
    expect(limitsOf({ type: 'array', minItems: 1, maxItems: 64, uniqueItems: true }, schemas)).toEqual(['1–64 items', 'no duplicates']);
    expect(limitsOf({ type: 'string', pattern: '^agt_$' }, schemas)).toEqual(['matches `^agt_$`']);
    expect(limitsOf({ type: 'integer', exclusiveMinimum: 0 }, schemas)).toEqual(['greater than 0']);
    expect(resolveSchema({ $ref: '#/components/schemas/Loop' }, schemas)?.$ref).toBe('#/components/schemas/Loop');
    expect(limitsOf({ $ref: '#/components/schemas/Missing' }, schemas)).toEqual([]);
  });

  it('finds enum values through references and array items', () => {
    expect(enumOf({ type: 'array', items: { $ref: '#/components/schemas/Scope' } }, schemas)).toEqual(['a:read', 'b:write']);
    expect(enumOf({ type: 'string' }, schemas)).toBeUndefined();
  });
});

describe('the reference model of the spec', () => {
  it('has every operation of the table, each in a family of x-tagGroups', () => {
    expect(reference.operations.map((o) => o.info.operationId).sort()).toEqual(Object.keys(operations).sort());
    for (const o of reference.operations) expect(reference.families, o.info.operationId).toContain(o.info.family);
  });

  it('gives per_page its default, minimum and maximum, and enums their values', () => {
    const perPage = op('agents_list').parameters.find((p) => p.name === 'per_page')!;
    expect(perPage).toMatchObject({ in: 'query', required: false, type: 'integer', default: 50, limits: ['1–100'] });
    expect(op('agents_list').parameters.find((p) => p.name === 'status')!.enum).toEqual(['online', 'offline', 'maintenance']);
  });

  it('lists path parameters first', () => {
    for (const o of reference.operations) {
      const firstQuery = o.parameters.findIndex((p) => p.in !== 'path');
      expect(o.parameters.slice(firstQuery === -1 ? o.parameters.length : firstQuery).some((p) => p.in === 'path'), o.info.operationId).toBe(false);
    }
  });

  it('names, for every error response, only codes of the catalogue with that status', () => {
    const status = new Map(reference.errors.map((e) => [e.code, e.status]));
    for (const o of reference.operations) {
      for (const r of o.responses.filter((x) => !x.status.startsWith('2'))) {
        for (const c of r.errorCodes) expect(`${o.info.operationId} ${r.status} ${c}`).toBe(`${o.info.operationId} ${status.get(c)} ${c}`);
      }
    }
    // A code the description names joins its status: creating a key past the plan's limit.
    expect(op('apiKeys_create').responses.find((r) => r.status === '403')!.errorCodes).toContain('PLAN_LIMIT_REACHED');
  });

  it('has a documented example for every success response', () => {
    for (const o of reference.operations) {
      for (const r of o.responses.filter((x) => x.status.startsWith('2'))) expect(r.examples.length, `${o.info.operationId} ${r.status}`).toBeGreaterThan(0);
    }
  });

  it('reads the catalogue from ErrorCode, refusing a description without its status', () => {
    expect(errorCatalogue(doc).find((e) => e.code === 'KEY_REVOKED')).toEqual({ code: 'KEY_REVOKED', status: 401, meaning: 'The API key was revoked; revocation takes effect at once.' });
    const broken = { ...doc, components: { schemas: { ErrorCode: { enum: ['X'], 'x-enumDescriptions': { X: 'no status here' } } } } } as unknown as OpenApiDocument;
    expect(() => errorCatalogue(broken)).toThrow(/ErrorCode X: x-enumDescriptions must start with its status/);
  });

  it("finds the successor's query in the deprecated operation's description", () => {
    expect(op('alerts_listActive').successor).toEqual({ operationId: 'alerts_list', query: { status: 'active' } });
    const alerts = { method: 'GET', path: '/v1/alerts' } as const;
    expect(successorQuery('Use `GET /v1/alerts?status=active&severity=critical` instead.', alerts)).toEqual({ status: 'active', severity: 'critical' });
    expect(successorQuery('Use `GET /v1/alertsx?status=active`.', alerts)).toEqual({});
    expect(successorQuery('Use `POST /v1/alerts?status=active`.', alerts)).toEqual({});
    expect(successorQuery('Use `GET /v1/agents/agt_1?x=1`.', { method: 'GET', path: '/v1/agents/{agent_id}' })).toEqual({ x: '1' });
  });
});

describe('calls and samples', () => {
  const info = (id: string): OperationInfo => (operations as Record<string, OperationInfo>)[id]!;

  it('writes the SDK call with path values first, then the body or the query', () => {
    expect(methodCall(info('agents_list'), { path: {}, query: { status: 'offline' } })).toBe("agents.list({ status: 'offline' })");
    expect(methodCall(info('agents_get'), { path: { agent_id: 'agt_1' } })).toBe("agents.get('agt_1')");
    expect(methodCall(info('alerts_resolve'), { path: { alert_id: 'alr_1' }, body: { note: "it's fixed" } })).toBe("alerts.resolve('alr_1', { note: 'it\\'s fixed' })");
    expect(methodCall(info('auth_me'), { path: {}, query: {} })).toBe('auth.me()');
  });

  it('writes the low-level call with its params and body', () => {
    expect(lowLevelCall(info('auth_me'), { path: {} })).toBe("client.GET('/v1/auth/me')");
    expect(lowLevelCall(info('agents_get'), { path: { agent_id: 'agt_1' } })).toBe("client.GET('/v1/agents/{agent_id}', { params: { path: { agent_id: 'agt_1' } } })");
    expect(lowLevelCall(info('clients_create'), { path: {}, body: { name: 'X' } })).toBe("client.POST('/v1/clients', { body: { name: 'X' } })");
  });

  it('widens the client of a beta or internal operation in its sample', () => {
    expect(typeScriptSample(op('benchmarks_list'), sampleArgs(op('benchmarks_list')))).toContain("createClient({ stability: 'beta' })");
    expect(typeScriptSample(op('agents_list'), sampleArgs(op('agents_list')))).toContain('const client = createClient();');
  });

  it('prefers a filter with allowed values for a list sample, and never pages', () => {
    expect(sampleArgs(op('agents_list')).query).toEqual({ status: 'online' });
    for (const o of reference.operations) expect(Object.keys(sampleArgs(o).query ?? {}), o.info.operationId).not.toContain('per_page');
  });

  it('encodes hostile path values in the request URL, so they cannot change its path or query; dot segments are refused', () => {
    for (const dots of ['.', '..']) expect(() => requestUrl(info('agents_get'), { path: { agent_id: dots } }, 'https://x.example')).toThrow(/dot segment/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('.', '..', '...', './', '%2e', '.%2E', '%2e%2e')), (value) => {
        fc.pre(value !== '.' && value !== '..');
        const url = new URL(requestUrl(info('agents_get'), { path: { agent_id: value } }, 'https://sandbox.opsmerge.cloud/api'));
        expect(url.pathname.startsWith('/api/v1/agents/')).toBe(true);
        expect(decodeURIComponent(url.pathname.slice('/api/v1/agents/'.length))).toBe(value);
        expect(url.search).toBe('');
      }),
    );
  });

  it('quotes every shell word so that bash reads it back unchanged', async () => {
    const words = fc.sample(fc.string({ unit: fc.constantFrom('a', ' ', "'", '"', '$', '`', '\\', '!', '*', ';', '\n', 'é', '-', '=', '~', '#'), maxLength: 12 }), 300);
    const script = `printf '%s\\0' ${words.map(shellQuote).join(' ')}`;
    const { stdout } = await promisify(execFile)('bash', ['-c', script]);
    expect(stdout.split('\0').slice(0, -1)).toEqual(words);
  });

  it('writes curl with the key from the environment, a JSON body when there is one', () => {
    const curl = curlSample(op('clients_create'), { path: {}, body: { name: "O'Brien & Co" } }, 'https://sandbox.opsmerge.cloud/api');
    expect(curl).toBe(
      "curl -X POST https://sandbox.opsmerge.cloud/api/v1/clients \\\n" +
        '  -H "Authorization: Bearer $OPSMERGE_API_KEY" \\\n' +
        '  -H "Content-Type: application/json" \\\n' +
        `  -d '{"name":"O'\\''Brien & Co"}'`,
    );
  });
});

describe('CLI commands of operations', () => {
  /** The command words the CLI has, each as `keys create`, from its own program. */
  function commandsOf(): Set<string> {
    const found = new Set<string>();
    const walk = (command: ReturnType<typeof buildProgram>, prefix: string[]): void => {
      for (const sub of command.commands) {
        const words = [...prefix, sub.name()];
        found.add(words.join(' '));
        walk(sub as ReturnType<typeof buildProgram>, words);
      }
    };
    const quiet = { write: () => true, isTTY: false, columns: 80 };
    walk(buildProgram({ stdout: quiet, stderr: quiet, stdin: (async function* () {})(), env: {} } as never, true), []);
    return found;
  }

  it('names only commands the CLI has, beta ones behind --beta', () => {
    const commands = commandsOf();
    const named = reference.operations.flatMap((o) => {
      const cli = cliCommand(o, sampleArgs(o));
      return cli ? [{ id: o.info.operationId, words: cli.command.filter((w) => w !== '--beta'), beta: cli.command[0] === '--beta', stability: o.info.stability }] : [];
    });
    expect(named.length).toBeGreaterThan(30);
    for (const { id, words, beta, stability } of named) {
      expect(commands.has(words.join(' ')), `${id}: opsmerge ${words.join(' ')}`).toBe(true);
      expect(beta, id).toBe(stability === 'beta');
    }
  });

  it('turns the sample into arguments: path values, then --kebab-case filters', () => {
    expect(cliCommand(op('agents_get'), { path: { agent_id: 'agt_1' } })?.argv).toEqual(['agents', 'get', 'agt_1']);
    expect(cliCommand(op('csatReviews_list'), { path: {}, query: { min_stars: 4 } })?.argv).toEqual(['csat-reviews', 'list', '--min-stars', '4']);
    expect(cliCommand(op('apiKeys_create'), { path: {}, body: { name: 'CI bot', scopes: ['a:read', 'b:write'] } })?.argv).toEqual(['keys', 'create', '--name', 'CI bot', '--scopes', 'a:read,b:write']);
    expect(cliCommand(op('clients_create'), { path: {} })).toBeUndefined();
    expect(commandLine(['keys', 'create', '--name', 'CI bot'])).toBe("opsmerge keys create --name 'CI bot'");
  });
});

describe('sample arguments the seeded mock accepts', () => {
  const seeded: SeededValues = {
    ids: (prefix) => ({ agt: ['agt_SEED000001', 'agt_SEED000002'], cli: ['cli_SEED000001'] })[prefix] ?? [],
    values: (field) => (field === 'dedup_key' ? ['db/disk'] : []),
  };
  const agentsGet = (operations as Record<string, OperationInfo>)['agents_get']!;

  it('finds the ids, lists of ids and keys of a sample', () => {
    const args = { path: { agent_id: 'agt_01HZX4C9P2', panel: 'notifications' }, body: { client_id: 'cli_01HZX2A7K3', agent_ids: ['agt_01HZX4C9P3'], dedup_key: 'x/y', note: 'agt_ in prose' } };
    expect(slotsOf(args)).toEqual([
      { where: 'path', key: 'agent_id', value: 'agt_01HZX4C9P2' },
      { where: 'body', key: 'client_id', value: 'cli_01HZX2A7K3' },
      { where: 'body', key: 'agent_ids', value: 'agt_01HZX4C9P3', list: true },
      { where: 'body', key: 'dedup_key', value: 'x/y' },
    ]);
    expect(withValues(args, slotsOf(args), ['a', 'b', 'c', 'd'])).toEqual({ path: { agent_id: 'a', panel: 'notifications' }, body: { client_id: 'b', agent_ids: ['c'], dedup_key: 'd', note: 'agt_ in prose' } });
  });

  it("keeps the sample's own arguments when the mock accepts them", async () => {
    const probe: Probe = async () => ({ ok: true, invalid: [] });
    const args = { path: { agent_id: 'agt_01HZX4C9P2' } };
    expect(await runnableArgs(agentsGet, args, seeded, probe)).toBe(args);
  });

  it('replaces an id the seed lacks by a seeded one the mock accepts', async () => {
    const tried: string[] = [];
    const probe: Probe = async (_op, args) => {
      tried.push(args.path['agent_id']!);
      return { ok: args.path['agent_id'] === 'agt_SEED000002', invalid: [] };
    };
    expect(await runnableArgs(agentsGet, { path: { agent_id: 'agt_01HZX4C9P2' } }, seeded, probe)).toEqual({ path: { agent_id: 'agt_SEED000002' } });
    expect(tried).toEqual(['agt_01HZX4C9P2', 'agt_SEED000001', 'agt_SEED000002']);
  });

  it('leaves out the body fields the mock calls invalid', async () => {
    const probe: Probe = async (_op, args) => {
      const values = (args.body as { values: Record<string, unknown> }).values;
      return 'extra' in values ? { ok: false, invalid: ['/values/extra'] } : { ok: true, invalid: [] };
    };
    expect(await runnableArgs(agentsGet, { path: {}, body: { values: { keep: 1, extra: 2 } } }, seeded, probe)).toEqual({ path: {}, body: { values: { keep: 1 } } });
    expect(withoutFields({ path: {}, body: { 'a/b': 1, 'c~d': 2, e: 3 } }, ['/a~1b', '/c~0d', '/missing/deep'])).toEqual({ path: {}, body: { e: 3 } });
  });

  it("gives up after its tries, keeping the sample's own arguments for the sample test to report", async () => {
    let calls = 0;
    const probe: Probe = async () => {
      calls++;
      return { ok: false, invalid: [] };
    };
    const args = { path: { agent_id: 'agt_01HZX4C9P2' } };
    expect(await runnableArgs(agentsGet, args, seeded, probe, 8)).toBe(args);
    expect(calls).toBeLessThanOrEqual(8 * 3);
  });
});
