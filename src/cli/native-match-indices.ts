// Imported for its effect, before cucumber: cucumber-expressions learns where each parameter
// of a step's text begins through the package regexp-match-indices, which takes the native
// `d` flag only if a plain exec already returns indices (it never does), and otherwise works
// them out in JavaScript by parsing the pattern with regexp-tree. That cost about 0.2 s of a
// full run's main thread: every step text is matched against every step definition before
// the run, and once more as it runs (bench/main-job.ts). Node 20 has the `d` flag, so a
// function that uses it takes that package's place before cucumber-expressions loads it.
// A global or sticky pattern (cucumber-expressions makes neither) keeps the package's way.

import { createRequire } from 'node:module';

type IndicesExec = (regexp: RegExp, text: string) => RegExpExecArray | null;

function useNativeMatchIndices(): void {
  try {
    const fromCucumber = createRequire(createRequire(import.meta.url).resolve('@cucumber/cucumber-expressions'));
    const path = fromCucumber.resolve('regexp-match-indices');
    const original = fromCucumber(path) as IndicesExec;
    const cached = fromCucumber.cache[path];
    if (!cached) return;
    const withIndices = new WeakMap<RegExp, RegExp>();
    const nativeExec: IndicesExec = (regexp, text) => {
      if (regexp.global || regexp.sticky) return original(regexp, text);
      let twin = withIndices.get(regexp);
      if (twin === undefined) {
        twin = regexp.hasIndices ? regexp : new RegExp(regexp.source, `${regexp.flags}d`);
        withIndices.set(regexp, twin);
      }
      return twin.exec(text);
    };
    cached.exports = Object.assign(nativeExec, original);
  } catch {
    // a different layout of cucumber's packages: the package's own way, only slower
  }
}

useNativeMatchIndices();
