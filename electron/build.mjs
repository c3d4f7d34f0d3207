// Bundles the Electron main process and preload into dist-electron/ (CJS, Node platform).
// `electron` stays external: it is provided by the runtime. The preload is bundled to a
// single file because a sandboxed preload cannot require project files.
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist-electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'info',
  absWorkingDir: root,
};

await rm(outdir, { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: ['electron/main/main.ts'], outfile: join(outdir, 'main.cjs') }),
  // Minified: the preload is parsed on every page load, and zod (pulled in by shared/ipc.ts) is large.
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: join(outdir, 'preload.cjs'), minify: true }),
]);
