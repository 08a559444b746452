// Which erratum quotes a given line of the spec. Errata about the spec's examples quote
// the example's lines (`AT#XSEND=1,"echo"`, `#XRECV: 1,4 / echo`); a log that shows
// exactly such a line deviates because the spec's example does, and the finding names it.
// Read from ERRATA, so a new erratum is picked up without a change here.

import { ERRATA } from '../catalogue/errata.ts';

const FINAL_CODES = new Set(['OK', 'ERROR']);

const ERRATUM_BY_QUOTED_LINE: ReadonlyMap<string, string> = (() => {
  const byLine = new Map<string, string>();
  for (const erratum of ERRATA) {
    for (const segment of erratum.specText.split(' / ')) {
      const line = segment.trim();
      if (line !== '' && !FINAL_CODES.has(line) && !byLine.has(line)) byLine.set(line, erratum.id);
    }
  }
  return byLine;
})();

/** The erratum whose quoted spec text contains `line` as one of its lines, if any. */
export function erratumQuoting(line: string): string | undefined {
  return ERRATUM_BY_QUOTED_LINE.get(line);
}

/** The erratum for a limit of the socket table (the spec's 8 against the firmware's 7). */
export const SOCKET_TABLE_ERRATUM = 'E1';

/**
 * Errata that say a command's information line is printed before ERROR as well (the spec
 * shows it only on success), by the shape of that line.
 */
export const LINE_BEFORE_ERROR_ERRATUM: Readonly<Record<string, string>> = {
  'XSEND.set': 'E12',
  'XSENDTO.set': 'E12',
  'XCLOSE.set': 'E23',
};

const ERRATUM_BY_ID: ReadonlyMap<string, (typeof ERRATA)[number]> = new Map(ERRATA.map((erratum) => [erratum.id, erratum]));

/** An erratum told in full, from the text that ships with the product: what the spec says, what the firmware does. */
export function erratumText(id: string): string | undefined {
  const erratum = ERRATUM_BY_ID.get(id);
  return erratum ? `erratum ${id}: the spec says "${erratum.specText}"; the firmware: ${erratum.firmware}` : undefined;
}
