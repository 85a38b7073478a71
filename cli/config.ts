/**
 * Profiles: named API keys (and optional base URLs) in the user's config directory,
 * `$XDG_CONFIG_HOME/opsmerge/config.json` (default `~/.config/opsmerge/config.json`;
 * `%APPDATA%\opsmerge\config.json` on Windows). The file holds secrets, so it is written
 * owner-only (0600, in a 0700 directory) through a temporary file and a rename, and a
 * warning is printed when it is found readable by others.
 */
import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError, ExitCode } from './exit-codes.js';

/** One profile. */
export interface Profile {
  /** The API key (`om_live_…` or `om_test_…`). */
  api_key: string;
  /** The base URL to use with this key, when not the key's own server. */
  base_url?: string;
}

/** The config file. */
export interface ConfigFile {
  profiles: Record<string, Profile>;
}

/** The profile used when neither --profile nor OPSMERGE_PROFILE names one. */
export const DEFAULT_PROFILE = 'default';

/** Where the config file lives, from the environment. */
export function configPath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  const xdg = env['XDG_CONFIG_HOME'];
  if (xdg !== undefined && xdg !== '') return join(xdg, 'opsmerge', 'config.json');
  const appData = env['APPDATA'];
  if (platform === 'win32' && appData !== undefined && appData !== '') return join(appData, 'opsmerge', 'config.json');
  return join(env['HOME'] !== undefined && env['HOME'] !== '' ? env['HOME'] : homedir(), '.config', 'opsmerge', 'config.json');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The config file's profiles, or what is wrong with them (a JSON path and what it must be). */
function profilesOf(parsed: unknown): Record<string, Profile> | string {
  if (!isRecord(parsed)) return 'it must hold a JSON object';
  const raw = parsed['profiles'];
  // A null prototype: a profile named "__proto__" or "constructor" is a profile like any other.
  const profiles = Object.create(null) as Record<string, Profile>;
  if (raw === undefined) return profiles;
  if (!isRecord(raw)) return '"profiles" must be an object of named profiles';
  for (const [name, value] of Object.entries(raw)) {
    const where = `profiles[${JSON.stringify(name)}]`;
    if (!isRecord(value)) return `${where} must be an object with "api_key"`;
    const { api_key: key, base_url: url } = value;
    if (typeof key !== 'string' || key === '') return `${where}.api_key must be a non-empty string`;
    if (url !== undefined && typeof url !== 'string') return `${where}.base_url must be a string when present`;
    profiles[name] = url === undefined ? { api_key: key } : { api_key: key, base_url: url };
  }
  return profiles;
}

/**
 * Reads the config file; an absent file is an empty config. A file that is not JSON, or whose
 * profiles are not of the documented shape, is a `CONFIG_INVALID` error naming what is wrong
 * (fields the CLI does not know are ignored). `warn` receives a line when the file is readable
 * by group or others.
 */
export async function readConfig(path: string, warn: (line: string) => void): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { profiles: {} };
    throw new CliError(`cannot read the config file ${path}: ${(error as Error).message}`, { exitCode: ExitCode.other, code: 'CONFIG_UNREADABLE', hint: 'check its permissions' });
  }
  if (process.platform !== 'win32') {
    const { mode } = await stat(path);
    if ((mode & 0o077) !== 0) warn(`warning: ${path} is readable by other users; run \`chmod 600 ${path}\``);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CliError(`the config file ${path} is not valid JSON`, { exitCode: ExitCode.other, code: 'CONFIG_INVALID', hint: 'fix or delete it, then run `opsmerge login` again' });
  }
  const profiles = profilesOf(parsed);
  // Never dropped silently: `opsmerge login` writes the file back, and would lose them.
  if (typeof profiles === 'string') throw new CliError(`the config file ${path} is not a valid config: ${profiles}`, { exitCode: ExitCode.other, code: 'CONFIG_INVALID', hint: 'fix or delete it, then run `opsmerge login` again' });
  return { profiles };
}

/** Writes the config file owner-only (0600; the directory 0700), atomically. */
export async function writeConfig(path: string, config: ConfigFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600, flag: 'w' });
    // `mode` applies only when the file is created; make sure of it either way.
    await chmod(temporary, 0o600);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
