// Builds cucumber message streams for report tests and the report benchmark: the
// envelopes cucumber-js 12 writes (meta, source, gherkinDocument, pickles, hooks,
// testCase, testCaseStarted, steps, attachments, testCaseFinished), for scenarios
// described in a few fields.

import type { Envelope } from '../src/report/run-messages.ts';
import { VERDICT_MEDIA_TYPE, type Verdict } from '../src/report/verdict.ts';

export interface SyntheticStep {
  text: string;
  status?: 'PASSED' | 'FAILED' | 'SKIPPED' | 'UNDEFINED';
  message?: string;
  /** The thrown error's class and stack as cucumber records them (default: an Error without a stack). */
  exception?: { type: string; stackTrace: string };
  /** Text attachments of the step (e.g. a wire slice). */
  attachments?: { body: string; fileName?: string; mediaType?: string }[];
}

export interface SyntheticScenario {
  name: string;
  tags?: string[];
  steps: SyntheticStep[];
  /** The verdict attachment; omitted: none attached (as when hooks are not wired). */
  verdict?: { verdict: Verdict; reasons?: string[]; errata?: string[] };
  /** Logged by the After hook (e.g. 'INCONCLUSIVE: ...'). */
  logs?: string[];
}

export interface SyntheticFeature {
  uri: string;
  name: string;
  scenarios: SyntheticScenario[];
}

const BASE_SECONDS = 1_795_500_000;

export function messageStream(features: readonly SyntheticFeature[]): Envelope[] {
  let next = 0;
  const id = (): string => `id-${++next}`;
  let clockMs = 0;
  const timestamp = (): { seconds: number; nanos: number } => {
    clockMs += 3;
    return { seconds: BASE_SECONDS + Math.floor(clockMs / 1000), nanos: (clockMs % 1000) * 1e6 };
  };
  const out: Envelope[] = [{ meta: { implementation: { name: 'cucumber-js', version: '12.9.0' }, runtime: { name: 'node.js', version: '20' } } }];
  const beforeHook = { id: id(), type: 'BEFORE_TEST_CASE', sourceReference: { uri: 'steps/support/hooks.ts', location: { line: 25 } } };
  const afterHook = { id: id(), type: 'AFTER_TEST_CASE', sourceReference: { uri: 'steps/support/hooks.ts', location: { line: 53 } } };
  const runs: (() => void)[] = [];
  for (const feature of features) {
    const source = [`Feature: ${feature.name}`, ...feature.scenarios.flatMap((scenario) => [
      `  ${(scenario.tags ?? []).join(' ')}`, `  Scenario: ${scenario.name}`, ...scenario.steps.map((step) => `    Given ${step.text}`),
    ])].join('\n');
    out.push({ source: { uri: feature.uri, data: source, mediaType: 'text/x.cucumber.gherkin+plain' } });
    const gherkinScenarios = feature.scenarios.map((scenario, index) => ({
      id: id(), name: scenario.name, keyword: 'Scenario', location: { line: 3 + index * 4 }, description: '', examples: [],
      tags: (scenario.tags ?? []).map((name) => ({ name, id: id(), location: { line: 2 } })),
      steps: scenario.steps.map((step) => ({ id: id(), text: step.text, keyword: 'Given ', location: { line: 4 } })),
    }));
    out.push({ gherkinDocument: { uri: feature.uri, feature: { name: feature.name, tags: [], children: gherkinScenarios.map((scenario) => ({ scenario })) } as never } });
    feature.scenarios.forEach((scenario, index) => {
      const gherkin = gherkinScenarios[index]!;
      const pickleId = id();
      const pickleSteps = scenario.steps.map((step, stepIndex) => ({ id: id(), text: step.text, astNodeIds: [gherkin.steps[stepIndex]!.id] }));
      out.push({ pickle: { id: pickleId, uri: feature.uri, name: scenario.name, location: { line: gherkin.location.line }, astNodeIds: [gherkin.id], tags: (scenario.tags ?? []).map((name) => ({ name })), steps: pickleSteps } });
      runs.push(() => {
        const testCaseId = id();
        const before = { id: id(), hookId: beforeHook.id };
        const steps = pickleSteps.map((step) => ({ id: id(), pickleStepId: step.id }));
        const after = { id: id(), hookId: afterHook.id };
        out.push({ testCase: { id: testCaseId, pickleId, testSteps: [before, ...steps, after] } });
        const startedId = id();
        out.push({ testCaseStarted: { id: startedId, testCaseId, attempt: 0, timestamp: timestamp() } });
        const stepRun = (testStepId: string, status: string, attachments: SyntheticStep['attachments'] = [], message?: string, thrown?: SyntheticStep['exception']): void => {
          out.push({ testStepStarted: { testCaseStartedId: startedId, testStepId, timestamp: timestamp() } });
          for (const attachment of attachments) {
            out.push({ attachment: { testCaseStartedId: startedId, testStepId, body: attachment.body, mediaType: attachment.mediaType ?? 'text/plain', contentEncoding: 'IDENTITY', ...(attachment.fileName ? { fileName: attachment.fileName } : {}), timestamp: timestamp() } as never });
          }
          out.push({ testStepFinished: { testCaseStartedId: startedId, testStepId, testStepResult: { status, duration: { seconds: 0, nanos: 1_000_000 }, ...(message ? { message: thrown?.stackTrace ?? message, exception: { type: thrown?.type ?? 'Error', message, ...(thrown ? { stackTrace: thrown.stackTrace } : {}) } } : {}) }, timestamp: timestamp() } as never });
        };
        stepRun(before.id, 'PASSED');
        let failed = false;
        scenario.steps.forEach((step, stepIndex) => {
          const status = failed ? 'SKIPPED' : (step.status ?? 'PASSED');
          if (status === 'FAILED') failed = true;
          stepRun(steps[stepIndex]!.id, status, step.attachments, step.message, step.exception);
        });
        const afterAttachments = [
          ...(scenario.verdict ? [{ body: JSON.stringify({ reasons: [], errata: [], ...scenario.verdict }), mediaType: VERDICT_MEDIA_TYPE }] : []),
          ...(scenario.logs ?? []).map((body) => ({ body, mediaType: 'text/x.cucumber.log+plain' })),
        ];
        stepRun(after.id, 'PASSED', afterAttachments);
        out.push({ testCaseFinished: { testCaseStartedId: startedId, willBeRetried: false, timestamp: timestamp() } });
      });
    });
  }
  out.push({ hook: beforeHook }, { hook: afterHook });
  out.push({ testRunStarted: { timestamp: timestamp() } });
  for (const run of runs) run();
  out.push({ testRunFinished: { success: false, timestamp: timestamp() } });
  return out;
}

export function toNdjson(envelopes: readonly Envelope[]): string {
  return envelopes.map((envelope) => JSON.stringify(envelope)).join('\n') + '\n';
}

/** A wire slice as the World attaches it. */
export const WIRE_SLICE = '#sm-conformance-transcript 1\n2543.294046 tx AT#XSOCKET=1,1,0\\r\n2543.294641 rx \\r\\n#XSOCKET: 0,1,6\\r\\n\n2543.294768 rx \\r\\nOK\\r\\n\n';

/** Five scenarios, one per verdict, with the traceability tags of the design. */
export function verdictFeatures(injected = '<script>window.__injected = 1</script><img src=x onerror="window.__injected = 2">'): SyntheticFeature[] {
  return [
    {
      uri: 'features/xsocket.feature',
      name: 'Socket #XSOCKET',
      scenarios: [
        { name: 'Open a TCP socket', tags: ['@XSOCKET', '@set', '@example:XSOCKET-1'], steps: [{ text: 'I send `AT#XSOCKET=1,1,0`', attachments: [{ body: WIRE_SLICE, fileName: 'wire.txt' }] }], verdict: { verdict: 'PASS' } },
        { name: 'The socket table holds 7 sockets', tags: ['@XSOCKET', '@set', '@erratum:E1'], steps: [{ text: 'I open 8 sockets' }], verdict: { verdict: 'NON-STRICT', reasons: ['the 8th socket gives ERROR (erratum E1)'], errata: ['E1'] } },
        {
          name: 'The device names itself', tags: ['@XSOCKET', '@read', '@example:XSOCKET-5'],
          steps: [{ text: 'I send `AT#XSOCKET?`', status: 'FAILED', message: `AT#XSOCKET?: expected \`#XSOCKET: 0,1,0,1,0\` / \`OK\`, got \`${injected}\` / \`OK\``, attachments: [{ body: `#sm-conformance-transcript 1\n1.000000 rx \\r\\n${injected}\\r\\n\n`, fileName: 'wire.txt' }] }],
          verdict: { verdict: 'FAIL', reasons: [`AT#XSOCKET?: expected \`#XSOCKET: 0,1,0,1,0\`, got \`${injected}\``] },
        },
      ],
    },
    {
      uri: 'features/xsend.feature',
      name: 'Send data #XSEND',
      scenarios: [
        { name: 'Send to the echo peer', tags: ['@XSEND', '@set', '@example:XSEND-1'], steps: [{ text: 'the echo peer is unreachable', status: 'SKIPPED' }], verdict: { verdict: 'INCONCLUSIVE', reasons: ['the TCP echo peer refused the connection'] }, logs: ['INCONCLUSIVE: the TCP echo peer refused the connection'] },
        { name: 'DTLS send', tags: ['@XSEND', '@set', '@requires:dtls'], steps: [{ text: 'I send over DTLS', status: 'SKIPPED' }], verdict: { verdict: 'N/A', reasons: ['the device profile lacks dtls'] }, logs: ['N/A: the device profile lacks dtls'] },
      ],
    },
  ];
}
