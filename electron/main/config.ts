import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const DEFAULT_HQ_URL = 'http://127.0.0.1:8787';
export const HQ_URL_ENV = 'BORDERDESK_HQ_URL';
export const CONFIG_FILE_NAME = 'config.json';

export interface ShellConfig {
  /** HQ base URL without a trailing slash, e.g. `http://127.0.0.1:8787` or `https://hq.example.cn/desk`. */
  hqUrl: string;
  /** HQ origin, for the CSP's connect-src. */
  hqOrigin: string;
  source: 'env' | 'file' | 'default';
  /** Values that were set but refused (logged at start so a typo is not silently ignored). */
  warnings: string[];
}

/** HQ must be plain http(s) without credentials in the URL; anything else is refused. */
export function parseHqUrl(raw: unknown): { hqUrl: string; hqOrigin: string } | null {
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  const path = url.pathname.replace(/\/+$/, '');
  return { hqUrl: `${url.origin}${path}`, hqOrigin: url.origin };
}

/**
 * Picks HQ's URL: the environment wins (start scripts and tests set it), then
 * `config.json` in userData (`{ "hqUrl": "https://…" }`), then the local default.
 */
export function resolveShellConfig(env: Record<string, string | undefined>, configFileText: string | null): ShellConfig {
  const warnings: string[] = [];
  const fromEnv = env[HQ_URL_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const parsed = parseHqUrl(fromEnv);
    if (parsed) return { ...parsed, source: 'env', warnings };
    warnings.push(`${HQ_URL_ENV}=${JSON.stringify(fromEnv)} is not an http(s) URL; ignored`);
  }
  if (configFileText !== null) {
    const fileValue = readHqUrlField(configFileText);
    if (fileValue !== undefined) {
      const parsed = parseHqUrl(fileValue);
      if (parsed) return { ...parsed, source: 'file', warnings };
      warnings.push(`${CONFIG_FILE_NAME}: hqUrl ${JSON.stringify(fileValue)} is not an http(s) URL; ignored`);
    } else {
      warnings.push(`${CONFIG_FILE_NAME} is not a JSON object with a string "hqUrl"; ignored`);
    }
  }
  const fallback = parseHqUrl(DEFAULT_HQ_URL);
  if (!fallback) throw new Error('DEFAULT_HQ_URL must be a valid http URL');
  return { ...fallback, source: 'default', warnings };
}

function readHqUrlField(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || !('hqUrl' in value)) return undefined;
  return typeof value.hqUrl === 'string' ? value.hqUrl : undefined;
}

export async function loadShellConfig(
  env: Record<string, string | undefined>,
  userDataDir: string,
): Promise<ShellConfig> {
  let text: string | null = null;
  try {
    text = await readFile(join(userDataDir, CONFIG_FILE_NAME), 'utf8');
  } catch (error) {
    if (!isMissingFile(error)) throw error;
  }
  return resolveShellConfig(env, text);
}

export function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
