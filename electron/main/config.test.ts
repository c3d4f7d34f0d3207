import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HQ_URL, loadShellConfig, parseHqUrl, resolveShellConfig } from './config';

describe('parseHqUrl', () => {
  it('accepts http(s) and trims trailing slashes', () => {
    expect(parseHqUrl('http://127.0.0.1:8787/')).toEqual({ hqUrl: 'http://127.0.0.1:8787', hqOrigin: 'http://127.0.0.1:8787' });
    expect(parseHqUrl(' https://hq.example.cn/desk/ ')).toEqual({
      hqUrl: 'https://hq.example.cn/desk',
      hqOrigin: 'https://hq.example.cn',
    });
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://hq', 'hq.example.cn', '', 'https://user:pw@hq.example.cn', 42, null])(
    'refuses %j',
    (raw) => expect(parseHqUrl(raw)).toBeNull(),
  );
});

describe('resolveShellConfig', () => {
  it('defaults to the local HQ', () => {
    expect(resolveShellConfig({}, null)).toMatchObject({ hqUrl: DEFAULT_HQ_URL, source: 'default', warnings: [] });
  });

  it('prefers the environment over config.json', () => {
    const config = resolveShellConfig({ BORDERDESK_HQ_URL: 'https://env.example' }, '{"hqUrl":"https://file.example"}');
    expect(config).toMatchObject({ hqUrl: 'https://env.example', source: 'env' });
  });

  it('uses config.json when the environment is unset', () => {
    expect(resolveShellConfig({}, '{"hqUrl":"https://file.example"}')).toMatchObject({
      hqUrl: 'https://file.example',
      source: 'file',
    });
  });

  it('ignores a bad value with a warning instead of pointing the desk at it', () => {
    const config = resolveShellConfig({ BORDERDESK_HQ_URL: 'file:///tmp' }, '{"hqUrl":"javascript:1"}');
    expect(config.source).toBe('default');
    expect(config.warnings).toHaveLength(2);
    expect(resolveShellConfig({}, 'not json').warnings[0]).toMatch(/config\.json/);
  });
});

describe('loadShellConfig', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads config.json from userData, and tolerates its absence', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bd-config-'));
    expect((await loadShellConfig({}, dir)).source).toBe('default');
    await writeFile(join(dir, 'config.json'), JSON.stringify({ hqUrl: 'https://hq.example.cn' }));
    expect(await loadShellConfig({}, dir)).toMatchObject({ hqUrl: 'https://hq.example.cn', source: 'file' });
  });
});
