// The conformance verdict of one scenario (design: Verdicts). Cucumber's pass/fail is too
// coarse: a device that deviates exactly as a listed erratum says the firmware does is not
// the same as one that breaks the spec, and a dead peer says nothing about the device.
// Steps record evidence as they go; the verdict is derived from it once, at the end.

export type Verdict = 'PASS' | 'NON-STRICT' | 'FAIL' | 'INCONCLUSIVE' | 'N/A' | 'FLAKY';

/**
 * FLAKY is never derived from one attempt's evidence: it is the run's finding about a
 * scenario that failed and then passed on `--retry` (scenario-results.ts), never a PASS.
 */
export const VERDICTS: readonly Verdict[] = ['PASS', 'NON-STRICT', 'FAIL', 'INCONCLUSIVE', 'N/A', 'FLAKY'];

export interface VerdictMeaning {
  meaning: string;
  /** What cucumber must report for the scenario. */
  cucumberStatus: 'passed' | 'failed' | 'skipped';
  junit: 'pass' | 'failure' | 'skipped';
}

/** The design's table. Under --strict an erratum deviation is derived as FAIL, not NON-STRICT. */
export const VERDICT_MEANINGS: Readonly<Record<Verdict, VerdictMeaning>> = {
  'PASS': { meaning: 'behaves as the spec says', cucumberStatus: 'passed', junit: 'pass' },
  'NON-STRICT': { meaning: 'deviates from the spec text exactly as a listed erratum says the firmware does', cucumberStatus: 'passed', junit: 'pass' },
  'FAIL': { meaning: 'deviates from the spec in any other way', cucumberStatus: 'failed', junit: 'failure' },
  'INCONCLUSIVE': { meaning: 'the environment, not the device, failed', cucumberStatus: 'skipped', junit: 'skipped' },
  'N/A': { meaning: "the device's capability profile says the feature is absent", cucumberStatus: 'skipped', junit: 'skipped' },
  // JUnit: a pass with a <flakyFailure> per failed attempt (Maven Surefire's rerun format).
  'FLAKY': { meaning: 'failed, then passed when retried: the device does not answer the same way every time', cucumberStatus: 'passed', junit: 'pass' },
};

/** One observation a scenario made, in the order it was made. */
export type Evidence =
  /** The device did something the spec does not allow and no erratum explains. */
  | { kind: 'deviation'; detail: string }
  /** The device did what erratum `erratum` says the firmware does instead of what the spec says. */
  | { kind: 'erratum'; erratum: string; detail: string }
  /** A peer, the network or the host failed; the device's behaviour could not be judged. */
  | { kind: 'environment'; detail: string }
  /** The scenario needs something the device profile says is absent. */
  | { kind: 'capability-absent'; capability: string; detail: string }
  /** The suite itself is broken for this scenario (undefined or ambiguous step). */
  | { kind: 'suite-error'; detail: string };

export interface VerdictContext {
  /** Erratum deviations count as FAIL. */
  strict: boolean;
  /** The scenario's tags, e.g. '@erratum:E15'. */
  tags: readonly string[];
  /** Ids of the errata the catalogue lists (ERRATA in src/catalogue/errata.ts). */
  knownErrata: ReadonlySet<string>;
}

export interface VerdictOutcome {
  verdict: Verdict;
  /** Why, one line each; empty for PASS. */
  reasons: string[];
  /** Errata the scenario showed (tagged and listed), also under --strict. */
  errata: string[];
}

/**
 * Derives the verdict. N/A first: a scenario that does not apply judges nothing. Then any
 * real deviation is FAIL, even if the environment failed later. An environment failure
 * makes the rest INCONCLUSIVE, never FAIL. An erratum counts as NON-STRICT only if the
 * catalogue lists it and the scenario is tagged with it (so the tags stay honest).
 */
export function deriveVerdict(evidence: readonly Evidence[], context: VerdictContext): VerdictOutcome {
  const tagged = taggedErrata(context.tags);
  const absent = evidence.filter((item) => item.kind === 'capability-absent');
  if (absent.length > 0) return { verdict: 'N/A', reasons: absent.map((item) => item.detail), errata: [] };

  const failures: string[] = [];
  const errata: string[] = [];
  const erratumReasons: string[] = [];
  for (const item of evidence) {
    if (item.kind === 'deviation' || item.kind === 'suite-error') failures.push(item.detail);
    if (item.kind !== 'erratum') continue;
    if (!context.knownErrata.has(item.erratum)) {
      failures.push(`${item.detail} (claimed erratum ${item.erratum} is not in the catalogue)`);
    } else if (!tagged.has(item.erratum)) {
      failures.push(`${item.detail} (erratum ${item.erratum}, but the scenario is not tagged @erratum:${item.erratum})`);
    } else {
      if (!errata.includes(item.erratum)) errata.push(item.erratum);
      erratumReasons.push(`${item.detail} (erratum ${item.erratum})`);
    }
  }
  if (context.strict && erratumReasons.length > 0) failures.push(...erratumReasons.map((reason) => `${reason}; --strict`));
  if (failures.length > 0) return { verdict: 'FAIL', reasons: failures, errata };

  const environment = evidence.filter((item) => item.kind === 'environment');
  if (environment.length > 0) return { verdict: 'INCONCLUSIVE', reasons: environment.map((item) => item.detail), errata };
  if (erratumReasons.length > 0) return { verdict: 'NON-STRICT', reasons: erratumReasons, errata };
  return { verdict: 'PASS', reasons: [], errata: [] };
}

/** Ids from `@erratum:E<n>` tags. */
export function taggedErrata(tags: readonly string[]): Set<string> {
  const ids = new Set<string>();
  for (const tag of tags) {
    const match = /^@erratum:(E\d+)$/.exec(tag);
    if (match) ids.add(match[1]!);
  }
  return ids;
}

/** Media type of the verdict attachment each scenario carries in cucumber's messages. */
export const VERDICT_MEDIA_TYPE = 'application/vnd.sm-conformance.verdict+json';
