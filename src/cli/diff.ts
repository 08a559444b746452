// `sm-conformance diff <old-reports> <new-reports>`: what changed from one run to the next,
// per device (src/report/run-diff.ts). Exit 1 when anything regressed, so CI can gate on it.

import { COMMANDS } from './command-table.ts';
import { parseOptions } from './options.ts';
import { UsageError } from '../blame/usage-error.ts';
import { diffRuns, readRecordedScenarios, renderRunDiff } from '../report/run-diff.ts';

export async function diff(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv, COMMANDS.diff.options);
  if (parsed.positionals.length !== 2) throw new UsageError(`give two reports folders, the old run's and the new run's (${parsed.positionals.length} given)`);
  const [before, after] = parsed.positionals.map((dir) => {
    try {
      return readRecordedScenarios(dir);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  });
  const result = diffRuns(before!, after!);
  process.stdout.write(parsed.flags.has('json') ? `${JSON.stringify(result, null, 1)}\n` : renderRunDiff(result));
  return result.regressions.length > 0 ? 1 : 0;
}
