/**
 * The config file as a user may leave it: hand-edited, half-written, of another shape. Every
 * wrong shape is a CONFIG_INVALID error naming the field, never a profile silently dropped (which
 * `opsmerge login` would then write back without it), and a profile may have any name.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig, writeConfig } from '../../cli/config.js';
import { CliError } from '../../cli/exit-codes.js';
import { cliEnv, runInProcess, tempDir } from './helpers.js';

const KEY = `om_test_${'ConfigFileTestKey'.padEnd(32, '0')}`;

function fileWith(text: string): string {
  const path = join(tempDir(), 'config.json');
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

const noWarning = (line: string): never => {
  throw new Error(`unexpected warning: ${line}`);
};

describe('readConfig', () => {
  it.each([
    ['', /is not valid JSON$/],
    ['{"profiles": {', /is not valid JSON$/],
    ['[]', /is not a valid config: it must hold a JSON object$/],
    ['"default"', /is not a valid config: it must hold a JSON object$/],
    ['null', /is not a valid config: it must hold a JSON object$/],
    ['{"profiles": "default"}', /is not a valid config: "profiles" must be an object of named profiles$/],
    ['{"profiles": []}', /is not a valid config: "profiles" must be an object of named profiles$/],
    ['{"profiles": {"default": "om_test_x"}}', /is not a valid config: profiles\["default"\] must be an object with "api_key"$/],
    ['{"profiles": {"default": {}}}', /is not a valid config: profiles\["default"\]\.api_key must be a non-empty string$/],
    ['{"profiles": {"default": {"api_key": 5}}}', /is not a valid config: profiles\["default"\]\.api_key must be a non-empty string$/],
    ['{"profiles": {"default": {"api_key": ""}}}', /is not a valid config: profiles\["default"\]\.api_key must be a non-empty string$/],
    [`{"profiles": {"ci": {"api_key": "${KEY}", "base_url": 8080}}}`, /is not a valid config: profiles\["ci"\]\.base_url must be a string when present$/],
  ])('refuses %j as CONFIG_INVALID, naming what is wrong', async (text, message) => {
    const error = await readConfig(fileWith(text), noWarning).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe('CONFIG_INVALID');
    expect((error as CliError).message).toMatch(message);
    expect((error as CliError).message).not.toContain(KEY);
  });

  it('reads an absent file as no profiles, and ignores fields it does not know', async () => {
    expect((await readConfig(join(tempDir(), 'none.json'), noWarning)).profiles).toEqual({});
    const config = await readConfig(fileWith(`{"version": 2, "profiles": {"ci": {"api_key": "${KEY}", "note": "x"}}}`), noWarning);
    expect({ ...config.profiles }).toEqual({ ci: { api_key: KEY } });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('keeps a profile named %j as a profile, and finds no profile of that name in a file without one', async (name) => {
    const config = await readConfig(fileWith(JSON.stringify({ profiles: { [name]: { api_key: KEY } } })), noWarning);
    expect(Object.keys(config.profiles)).toEqual([name]);
    expect(config.profiles[name]).toEqual({ api_key: KEY });
    const path = join(tempDir(), 'config.json');
    await writeConfig(path, config);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ profiles: { [name]: { api_key: KEY } } });
    expect((await readConfig(fileWith('{"profiles": {}}'), noWarning)).profiles[name]).toBeUndefined();
  });
});

describe('a command over a config file of the wrong shape', () => {
  it('exits 1 with the file and the field named, and never the key', async () => {
    const home = tempDir();
    mkdirSync(join(home, 'opsmerge'));
    writeFileSync(join(home, 'opsmerge', 'config.json'), `{"profiles": {"default": {"api_key": "${KEY}", "base_url": ["x"]}}}`, { mode: 0o600 });
    const result = await runInProcess(['whoami'], { env: { ...cliEnv(), XDG_CONFIG_HOME: home, OPSMERGE_API_KEY: '' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not a valid config: profiles\["default"\]\.base_url must be a string when present\. Fix: fix or delete it, then run `opsmerge login` again\./);
    expect(result.stdout + result.stderr).not.toContain(KEY);
  });

  it('says a profile named like an Object method does not exist, rather than reading a function as a profile', async () => {
    const home = tempDir();
    mkdirSync(join(home, 'opsmerge'));
    writeFileSync(join(home, 'opsmerge', 'config.json'), `{"profiles": {"default": {"api_key": "${KEY}"}}}`, { mode: 0o600 });
    const result = await runInProcess(['whoami', '--profile', 'constructor'], { env: { ...cliEnv(), XDG_CONFIG_HOME: home, OPSMERGE_API_KEY: '' } });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/there is no profile "constructor" in .*config\.json\. Fix: create it with `opsmerge login --profile constructor`; profiles there: default\./);
  });
});
