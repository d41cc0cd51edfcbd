// Bundles src/index.js and its modules into one minified IIFE, dist/vitrina.js, and fails when
// it is over its budget gzipped. `npm run build`; `npm run build -- --watch` rebuilds on change.
import { build, context } from 'esbuild';
import fs from 'node:fs';
import zlib from 'node:zlib';

export const BUDGET_GZIP_BYTES = 15 * 1024;
const OUT = 'dist/vitrina.js';

const config = {
  entryPoints: ['src/index.js'],
  outfile: OUT,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
};

if (process.argv.includes('--watch')) {
  const ctx = await context(config);
  await ctx.watch();
  console.log(`watching src/, writing ${OUT}`);
} else {
  await build(config);
  const code = fs.readFileSync(OUT);
  const gzipped = zlib.gzipSync(code, { level: 9 }).length;
  console.log(`${OUT}: ${code.length} bytes minified, ${gzipped} bytes gzipped (budget ${BUDGET_GZIP_BYTES})`);
  if (gzipped > BUDGET_GZIP_BYTES) {
    console.error(`${OUT} is over its budget: ${gzipped} > ${BUDGET_GZIP_BYTES} bytes gzipped`);
    process.exit(1);
  }
}
