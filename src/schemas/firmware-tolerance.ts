// A line that breaks the spec's domain only where the firmware's documented range allows
// (IntegerDomain.firmwareRange, e.g. a stored role 2 in #XSOCKET?, erratum E24) is the
// firmware's behaviour, not a malformed line: it is graded NON-STRICT by that erratum,
// never FAIL. Anything else wrong with the line keeps it a failure.

import { shapeById } from '../catalogue/catalogue.ts';
import { integerStatus } from '../catalogue/parameter-domain.ts';
import type { LineCheck } from './response-check.ts';

/** The erratum that explains every finding of a failed check, or undefined when none does. */
export function erratumExplainingCheck(check: LineCheck): string | undefined {
  if (check.ok || check.findings.length === 0 || !check.shapeId) return undefined;
  const shape = shapeById(check.shapeId);
  if (!shape) return undefined;
  let erratum: string | undefined;
  for (const finding of check.findings) {
    if (finding.stage !== 'schema' || finding.shapeId !== shape.id) return undefined;
    const field = shape.fields.find((candidate) => candidate.name === finding.field);
    const firmware = field?.domain?.firmwareRange;
    if (!field?.domain || !firmware?.erratum || typeof finding.observed !== 'number') return undefined;
    const status = integerStatus(field.domain, finding.observed);
    if (status.inSpec || !status.inFirmware) return undefined;
    if (erratum !== undefined && erratum !== firmware.erratum) return undefined;
    erratum = firmware.erratum;
  }
  return erratum;
}
