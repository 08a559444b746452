#!/usr/bin/env node
// Entry point of the sm-conformance command. It runs the JavaScript build in .build/ (made by
// `npm ci` through the prepare script, or `npm run build`) while that build is complete and
// newer than every source; otherwise (a source edited since, or no build) it loads the
// TypeScript sources through tsx, so the command never runs stale code.
import { buildIsFresh } from '../tools/build-state.mjs';

let main;
if (process.env.SM_CONFORMANCE_SOURCES !== '1' && buildIsFresh()) {
  ({ main } = await import('../.build/src/cli.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
