// How a step writes an expected answer. One line in backticks is that line, then OK
// (`OK` or `ERROR` alone is just the final result code). A docstring is every line of
// the answer. Where an erratum says the firmware answers differently, the step names it
// and gives that answer too, after a line `or as erratum E<n> says:`:
//
//   Then the response is
//     """
//     ERROR
//     or as erratum E12 says:
//     #XSEND: <handle>,0
//     ERROR
//     """

import type { ResponseAlternative } from './world.ts';

const FINAL_CODES = new Set(['OK', 'ERROR']);
const ERRATUM_SEPARATOR = /^or as erratum (E\d+) says:$/;

/** The lines a one-line expectation stands for. */
export function answerOf(line: string): string[] {
  return FINAL_CODES.has(line) ? [line] : [line, 'OK'];
}

/** The spec's answer and any erratum's, from a docstring. */
export function alternativesOf(docString: string): ResponseAlternative[] {
  const alternatives: ResponseAlternative[] = [];
  let current: { erratum?: string; lines: string[] } = { lines: [] };
  for (const raw of docString.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const erratum = ERRATUM_SEPARATOR.exec(line)?.[1];
    if (erratum === undefined) {
      current.lines.push(line);
      continue;
    }
    alternatives.push(current);
    current = { erratum, lines: [] };
  }
  alternatives.push(current);
  const empty = alternatives.find((alternative) => alternative.lines.length === 0);
  if (empty) throw new Error(`the expected response ${empty.erratum ? `of erratum ${empty.erratum} ` : ''}has no lines`);
  return alternatives;
}
