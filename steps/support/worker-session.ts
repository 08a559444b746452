// The one DeviceSession of this cucumber worker (or of the whole run when not parallel):
// opened by BeforeAll, shared by every scenario's World, closed by AfterAll. Each parallel
// worker is its own process, so each has its own emulator, peers and transcript file.

import { transcriptPath } from '../../src/transcript/worker-transcript.ts';
import { DeviceSession } from '../../src/dut/device-session.ts';
import { parseDutSpec } from '../../src/dut/dut-spec.ts';
import { LiveJudge } from '../../src/transcript/live-judge.ts';
import type { RunParameters } from './run-parameters.ts';

let session: DeviceSession | undefined;
/** Judges every line of the transcript as it is written, with `validate`'s rules. */
let judge: LiveJudge | undefined;

export async function openWorkerSession(parameters: RunParameters): Promise<DeviceSession> {
  if (session) return session;
  const worker = process.env.CUCUMBER_WORKER_ID;
  judge = new LiveJudge();
  session = await DeviceSession.open({
    dut: parseDutSpec(parameters.dut),
    connection: { baud: parameters.baud, rtscts: parameters.rtscts },
    profile: parameters.profile,
    fault: parameters.fault,
    commandTimeoutMs: parameters.commandTimeoutMs,
    ...(parameters.peerHost !== undefined ? { peerHost: parameters.peerHost } : {}),
    ...(parameters.deviceHost !== undefined ? { deviceHost: parameters.deviceHost } : {}),
    transcriptPath: transcriptPath(parameters.reports, worker),
    transcriptObserver: judge.observe,
  });
  return session;
}

export function workerSession(): DeviceSession {
  if (!session) throw new Error('the device session is not open (BeforeAll did not run or failed)');
  return session;
}

/** The judge of this worker's transcript; undefined before the session opened. */
export function workerJudge(): LiveJudge | undefined {
  return judge;
}

export async function closeWorkerSession(): Promise<void> {
  const open = session;
  session = undefined;
  await open?.close();
}
