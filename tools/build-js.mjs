// Transpiles src/ and steps/ to JavaScript in the git-ignored .build/ (npm's `prepare`, so
// `npm ci` makes it), so that `sm-conformance` starts without compiling TypeScript: Node runs
// the JavaScript directly, with no tsx hooks and no esbuild service. Type checking stays
// `npm run typecheck`; this only strips types, file by file (TypeScript's transpileModule).
//
// The layout mirrors the project (.build/src, .build/steps) so that every path a module finds
// from its own location still holds: package.json is copied, features/ is linked, other
// files (.mjs, .py, .json) are copied as they are. bin/sm-conformance.mjs uses .build only
// while it is complete and newer than every source (see tools/build-state.mjs); otherwise
// it runs the sources through tsx, so an edited file is never run from a stale build.
//
//   node tools/build-js.mjs      (npm run build)

import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { BUILD_DIR, BUILT_FOLDERS, PROJECT_ROOT, STAMP_FILE, sourceFiles } from './build-state.mjs';

const options = {
  target: ts.ScriptTarget.ES2022,
  // ES modules, as the project's package.json says ("type": "module"); transpileModule sees no package.json
  module: ts.ModuleKind.ES2022,
  rewriteRelativeImportExtensions: true,
  esModuleInterop: true,
};

const started = Date.now();
const temporary = `${BUILD_DIR}.partial-${process.pid}`;
rmSync(temporary, { recursive: true, force: true });
let count = 0;
for (const source of sourceFiles()) {
  const target = join(temporary, relative(PROJECT_ROOT, source));
  mkdirSync(dirname(target), { recursive: true });
  if (source.endsWith('.ts') && !source.endsWith('.d.ts')) {
    const output = ts.transpileModule(readFileSync(source, 'utf8'), { compilerOptions: options, fileName: source });
    writeFileSync(target.replace(/\.ts$/, '.js'), output.outputText);
  } else {
    copyFileSync(source, target);
  }
  count += 1;
}
copyFileSync(join(PROJECT_ROOT, 'package.json'), join(temporary, 'package.json'));
symlinkSync(join('..', 'features'), join(temporary, 'features'));
writeFileSync(join(temporary, STAMP_FILE), `${JSON.stringify({ files: count, folders: BUILT_FOLDERS })}\n`);
// Whole or not at all: a run never sees half a build.
rmSync(BUILD_DIR, { recursive: true, force: true });
renameSync(temporary, BUILD_DIR);
process.stdout.write(`sm-conformance: built ${count} files into ${relative(process.cwd(), BUILD_DIR) || '.'} in ${Date.now() - started} ms\n`);

