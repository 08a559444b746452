// The state of one scenario. Cucumber makes a new World per scenario; the device session
// behind it lives for the whole worker. Steps read and write scenario state only through
// this class and call src/ for everything else.

import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import type { AtResponse } from '../../src/at/at-runner.ts';
import type { DeviceSession, WireChunk } from '../../src/dut/device-session.ts';
import type { PeerSet } from '../../src/peers/peer-set.ts';
import type { Evidence } from '../../src/report/verdict.ts';
import { EnvironmentError } from '../../src/report/verdict-errors.ts';
import { Captures } from './captures.ts';
import { readRunParameters, type RunParameters } from './run-parameters.ts';
import { workerSession } from './worker-session.ts';

export class ConformanceWorld extends World<unknown> {
  readonly run: RunParameters;
  /** Named values (`<handle>`, `<port>`) captured from the device in this scenario. */
  readonly captures = new Captures();
  /** What the scenario observed that decides its verdict, in order. */
  readonly evidence: Evidence[] = [];
  /** The scenario's tags, e.g. '@XSOCKET', '@erratum:E1'. */
  tags: readonly string[] = [];
  /** The wire of the step in progress. */
  stepWire: { chunks: WireChunk[]; stop: () => void } | undefined;
  private last: AtResponse | undefined;

  constructor(options: IWorldOptions<unknown>) {
    super(options);
    this.run = readRunParameters(options.parameters);
  }

  get device(): DeviceSession {
    return workerSession();
  }

  /** The loopback peers; a run without them cannot judge network scenarios (INCONCLUSIVE). */
  get peers(): PeerSet {
    const peers = this.device.peers;
    if (!peers) throw new EnvironmentError('this run has no network peers (a real board needs --peer-host)');
    return peers;
  }

  /** Sends a command line (placeholders expanded) and keeps its answer as the last response. */
  async send(template: string): Promise<AtResponse> {
    this.last = await this.device.runner.send(this.captures.expand(template));
    return this.last;
  }

  get lastResponse(): AtResponse {
    if (!this.last) throw new Error('no command has been sent in this scenario yet');
    return this.last;
  }

  /**
   * Checks the last response line by line: information lines, then the final result code.
   * Placeholders capture or must equal their value (see Captures). Throws on a mismatch.
   */
  expectResponse(expected: readonly string[]): void {
    const response = this.lastResponse;
    const observed = [...response.lines, response.final.text];
    const matches = observed.length === expected.length && expected.every((line, index) => this.captures.match(line, observed[index]!));
    if (!matches) {
      throw new Error(`${response.command}: expected ${expected.map(quoted).join(' / ')}, got ${observed.map(quoted).join(' / ')}`);
    }
  }

  /** The device did what erratum `erratum` says the firmware does, instead of the spec text. */
  recordErratum(erratum: string, detail: string): void {
    this.evidence.push({ kind: 'erratum', erratum, detail });
  }
}

function quoted(line: string): string {
  return `\`${line}\``;
}

setWorldConstructor(ConformanceWorld);
