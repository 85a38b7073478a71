/**
 * A hostile server that echoes the credentials it receives (and every other secret the SDK
 * holds) into each part of an error response, in each encoding a server may use: no form of
 * any of them may reach any form of the error, nor a log line.
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { decodeEscapes } from '../../src/internal/escapes.js';
import {
  ConnectionError,
  InternalServerError,
  MemoryRateLimitStore,
  OAuthTokenManager,
  RateLimitError,
  RedirectError,
  ResponseParseError,
  ResponseShapeError,
  ResponseTooLargeError,
  UnprocessableEntityError,
  ApiError,
  BadRequestError,
  createClient,
  isOAuthError,
  type ClientOptions,
  type Logger,
} from '../../src/index.js';
import { exposedText } from '../support/exposed-text.js';
import type { Fault } from './fault-server.js';
import { rejectionOf, useFaultServer } from './helpers.js';

const server = useFaultServer();

const STATIC_KEY = 'om_test_S3cr3tStat1cKeyF0rEch0T3sts00001';
const PROVIDED_KEY = 'om_test_Pr0v1d3dK3yFr0mAnAsyncFunct10n22';
const ACCESS_TOKEN = 'oat.Zm9vYmFyYmF6cXV4.qW5eR7tY9uI1oP3aS5dF7gH9jK';
const REFRESH_TOKEN = 'ort-8Kd2Lq9Xw4Zv7Bn1Mc6Fh3Tj5Rp0Ys';
const CLIENT_SECRET = 'ocs_Vb7Nm3Kl9Jh5Gf1Dd8Ss2Aa6Qq4Ww0Ee';

const hex = (c: string, width: number): string => c.charCodeAt(0).toString(16).padStart(width, '0');

/** The forms of a secret a server may echo, each to look for in what the error exposes. */
function forms(secret: string): Record<string, string> {
  const half = Math.floor(secret.length / 2);
  return {
    raw: secret,
    percent: [...secret].map((c) => `%${hex(c, 2)}`).join(''),
    json: [...secret].map((c) => `\\u${hex(c, 4)}`).join(''),
    html: [...secret].map((c) => `&#${c.charCodeAt(0)};`).join(''),
    'first half': secret.slice(0, half),
    'second half': secret.slice(half),
  };
}

/** One text carrying `secret` in every form, as an echo of a header would. */
function echo(secret: string): string {
  const f = forms(secret);
  return `got ${f['raw']} / ${f['percent']} / ${f['json']} / ${f['html']} / Authorization: Bearer ${secret}`;
}

/** Each secret split across two fields. */
function halves(secret: string): Array<{ field: string; message: string }> {
  const f = forms(secret);
  return [
    { field: '/a', message: `${f['first half']}` },
    { field: '/b', message: `${f['second half']}` },
  ];
}

interface Place {
  name: string;
  error: abstract new (...args: never[]) => Error;
  /** What the server sends back, given every secret it means to echo. */
  respond(res: ServerResponse, secrets: readonly string[], id: string): void;
  /** Client options the place needs besides the credential's. */
  options?: Partial<ClientOptions>;
}

const envelope = (status: number, code: string, message: string, details: unknown, extra: Record<string, string> = {}) =>
  ((res: ServerResponse, id: string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': id, ...extra }).end(JSON.stringify({ error: { code, message, request_id: id, details } }));
  });

const places: Place[] = [
  {
    name: 'error.message',
    error: BadRequestError,
    respond: (res, secrets, id) => envelope(400, 'BAD_REQUEST', secrets.map(echo).join(' | '), undefined)(res, id),
  },
  {
    name: 'error.details, at every depth, in values and keys, split across fields',
    error: UnprocessableEntityError,
    respond: (res, secrets, id) => {
      let deep: unknown = secrets.map(echo);
      for (let i = 0; i < 12; i += 1) deep = { level: i, deep };
      const details = [...secrets.flatMap(halves), { field: '/c', message: echo(secrets[0] ?? ''), nested: deep, keyed: Object.fromEntries(secrets.map((s) => [s, 1])) }];
      envelope(422, 'VALIDATION_FAILED', 'The request is invalid', details)(res, id);
    },
  },
  {
    name: 'error.code and error.request_id',
    error: ApiError,
    respond: (res, secrets, id) => {
      res.writeHead(418, { 'content-type': 'application/json', 'x-request-id': id }).end(JSON.stringify({ error: { code: `E_${secrets[0]}`, message: 'x', request_id: `req_${secrets[0]}` } }));
    },
  },
  {
    name: "a gateway's HTML page (the body snippet)",
    error: InternalServerError,
    respond: (res, secrets, id) => {
      res.writeHead(502, { 'content-type': 'text/html', 'x-request-id': id }).end(`<html><body>${secrets.map(echo).join('<br>')}</body></html>`);
    },
  },
  {
    name: 'a plain text body',
    error: InternalServerError,
    respond: (res, secrets, id) => {
      res.writeHead(500, { 'content-type': 'text/plain', 'x-request-id': id }).end(secrets.map(echo).join('\n'));
    },
  },
  {
    name: 'an array body',
    error: BadRequestError,
    respond: (res, secrets, id) => {
      res.writeHead(400, { 'content-type': 'application/json', 'x-request-id': id }).end(JSON.stringify(secrets.map(echo)));
    },
  },
  {
    name: 'a {message} body without the envelope',
    error: InternalServerError,
    respond: (res, secrets, id) => {
      res.writeHead(503, { 'content-type': 'application/json', 'x-request-id': id }).end(JSON.stringify({ message: secrets.map(echo).join(' ') }));
    },
  },
  {
    name: 'response headers, allow-listed ones included',
    error: InternalServerError,
    respond: (res, secrets, id) => {
      const raw = secrets.join(' ');
      res
        .writeHead(500, {
          'content-type': 'application/json',
          'x-request-id': `${id} ${raw}`,
          'x-echo': secrets.map(echo).join(' '),
          link: `<https://api.example/v1/x?page=2&password=${encodeURIComponent(raw)}>; rel="next"`,
          'www-authenticate': `Bearer realm="${raw}"`,
        })
        .end('{}');
    },
  },
  {
    name: 'a 429',
    error: RateLimitError,
    respond: (res, secrets, id) => envelope(429, 'RATE_LIMITED', secrets.map(echo).join(' '), secrets.flatMap(halves), { 'retry-after': '3600' })(res, id),
  },
  {
    name: 'a 200 whose JSON is broken',
    error: ResponseParseError,
    respond: (res, secrets, id) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': id }).end(`{"data": ${secrets.map(echo).join(' ')}`);
    },
  },
  {
    name: 'a 200 that is not the envelope, and its request id',
    error: ResponseShapeError,
    respond: (res, secrets, id) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `${id} ${secrets.join(' ')}` }).end(JSON.stringify({ [secrets[0] ?? '']: secrets.map(echo) }));
    },
  },
  {
    name: 'a body past maxResponseBytes, and its request id',
    error: ResponseTooLargeError,
    options: { maxResponseBytes: 1024 },
    respond: (res, secrets, id) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `${id} ${secrets.join(' ')}` }).end(`{"data": "${secrets.map(echo).join(' ').repeat(20)}"}`);
    },
  },
  {
    name: "a redirect to another origin: the Location's userinfo, path and query",
    error: RedirectError,
    respond: (res, secrets, id) => {
      // The last secret alone in the path and a parameter name: not the credential sent, so only
      // the secrets the SDK remembers can hide it.
      const other = secrets.at(-1) ?? '';
      const location = `https://u:${encodeURIComponent(secrets[0] ?? '')}@other.example/${other}/${encodeURIComponent(other)}?token=${encodeURIComponent(secrets.join(' '))}&${encodeURIComponent(other)}=1`;
      res.writeHead(302, { location, 'x-request-id': `${id} ${secrets.join(' ')}` }).end();
    },
  },
];

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (message: string, fields?: Record<string, unknown>): void => {
    lines.push(fields === undefined ? message : `${message} ${JSON.stringify(fields)}`);
  };
  return { lines, error: write, warn: write, info: write, debug: write };
}

/** Fails when any form of any secret shows in `text`, as it is or once its escapes are decoded. */
function expectNoSecret(text: string, secrets: readonly string[]): void {
  const decoded = decodeEscapes(text).map((view) => view.text);
  for (const secret of secrets) {
    for (const [form, value] of Object.entries(forms(secret))) {
      expect(text, `${form} form of a secret`).not.toContain(value);
    }
    for (const view of decoded) expect(view, 'a secret once decoded').not.toContain(secret);
  }
}

interface Credential {
  name: string;
  /** The secrets the SDK holds with this credential. */
  secrets: readonly string[];
  options(): ClientOptions;
}

const credentials: Credential[] = [
  { name: 'a static API key', secrets: [STATIC_KEY], options: () => ({ apiKey: STATIC_KEY }) },
  { name: 'a key from an async provider', secrets: [PROVIDED_KEY], options: () => ({ apiKey: () => Promise.resolve(PROVIDED_KEY) }) },
  {
    name: 'OAuth tokens and a client secret',
    secrets: [ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET],
    options: () => ({
      oauth: {
        tokens: new OAuthTokenManager({
          clientId: 'cli_echo',
          clientSecret: CLIENT_SECRET,
          tokens: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN, tokenType: 'Bearer', expiresAt: Date.now() + 3_600_000 },
        }),
      },
    }),
  },
];

const cases = credentials.flatMap((credential) => places.map((place) => ({ credential, place, label: `${credential.name} echoed in ${place.name}` })));

describe('a server that echoes secrets into an error response', () => {
  it.each(cases)('$label: no form of them reaches the error or a log line', async ({ credential, place }) => {
    server.respond(((req, res, { id }) => {
      // The credential as it arrived, and every other secret the SDK holds with it.
      const received = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
      place.respond(res, [received, ...credential.secrets.filter((s) => s !== received)], id);
    }) satisfies Fault);
    const logger = recordingLogger();
    const client = createClient({ baseUrl: server.url, maxRetries: 0, logger, logLevel: 'debug', rateLimit: { store: new MemoryRateLimitStore() }, ...place.options, ...credential.options() });
    const error = await rejectionOf(client.auth.me());

    expect(error).toBeInstanceOf(place.error);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${credential.secrets[0]}`);
    expectNoSecret(exposedText(error), credential.secrets);
    expectNoSecret(Object.values(error as object).map((v) => JSON.stringify(v) ?? String(v)).join('\n'), credential.secrets);
    expectNoSecret(String(error), credential.secrets);
    expect(logger.lines.length).toBeGreaterThan(0);
    expectNoSecret(logger.lines.join('\n'), credential.secrets);
  });

  it('still shows what answered: the snippet and the details keep everything but the secrets', async () => {
    server.respond((_req, res, { id }) => {
      res.writeHead(502, { 'content-type': 'text/html', 'x-request-id': id }).end(`<html><title>Bad Gateway</title>${STATIC_KEY}</html>`);
    });
    const client = createClient({ apiKey: STATIC_KEY, baseUrl: server.url, maxRetries: 0, logLevel: 'off', rateLimit: { store: new MemoryRateLimitStore() } });
    const error = (await rejectionOf(client.auth.me())) as InternalServerError;
    expect(error.bodySnippet).toBe('<html><title>Bad Gateway</title>REDACTED</html>');
  });

  it("keeps the snippet of a gateway's 429 page, and does not call it empty", async () => {
    server.respond((_req, res, { id }) => {
      res.writeHead(429, { 'content-type': 'text/html', 'x-request-id': id }).end('<html>Too Many Requests</html>');
    });
    const client = createClient({ apiKey: STATIC_KEY, baseUrl: server.url, maxRetries: 0, logLevel: 'off', rateLimit: { store: new MemoryRateLimitStore() } });
    const error = (await rejectionOf(client.auth.me())) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'HTTP_429', bodySnippet: '<html>Too Many Requests</html>' });
    expect(error.message).toContain('not an OpsMerge error envelope');
  });
});

describe('the HTTP stack quoting the credential in a connection error', () => {
  it.each(credentials)('$name: the cause chain holds scrubbed copies only', async (credential) => {
    const leaky = async (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const sent = new Headers(init?.headers).get('authorization') ?? '';
      const socket = Object.assign(new Error(`socket hang up; sent ${echo(sent)}`), { code: 'ECONNRESET', headers: { authorization: sent }, secrets: credential.secrets });
      throw Object.assign(new TypeError(`fetch failed: ${credential.secrets.map(echo).join(' ')}`, { cause: socket }), { request: new Request('https://x.example', { headers: { authorization: sent } }) });
    };
    const logger = recordingLogger();
    const client = createClient({ baseUrl: server.url, maxRetries: 0, fetch: leaky, logger, logLevel: 'debug', rateLimit: { store: new MemoryRateLimitStore() }, ...credential.options() });
    const error = await rejectionOf(client.auth.me());
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).cause).toMatchObject({ name: 'TypeError', cause: { name: 'Error', code: 'ECONNRESET' } });
    expectNoSecret(exposedText(error), credential.secrets);
    expectNoSecret(logger.lines.join('\n'), credential.secrets);
  });
});

describe('an OAuth token endpoint that echoes the secrets of the request', () => {
  it.each([
    ['error_description', (secrets: readonly string[]) => ({ error: 'invalid_request', error_description: secrets.map(echo).join(' ') })],
    ['the error code', (secrets: readonly string[]) => ({ error: `bad_${secrets[0]}` })],
    ['invalid_grant, which clears the tokens', (secrets: readonly string[]) => ({ error: 'invalid_grant', error_description: secrets.map(echo).join(' ') })],
  ] as const)('in %s: no form of them reaches the OAuthError', async (_, body) => {
    const secrets = [REFRESH_TOKEN, CLIENT_SECRET, ACCESS_TOKEN];
    server.respond((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify(body(secrets)));
    });
    const manager = new OAuthTokenManager({
      clientId: 'cli_echo',
      clientSecret: CLIENT_SECRET,
      tokenUrl: `${server.url}/oauth/token`,
      tokens: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN, tokenType: 'Bearer', expiresAt: Date.now() - 1000 },
    });
    const error = await rejectionOf(manager.getAccessToken());
    expect(isOAuthError(error)).toBe(true);
    expect(server.requests[0]?.body).toContain('grant_type=refresh_token');
    expectNoSecret(exposedText(error), secrets);
  });
});
