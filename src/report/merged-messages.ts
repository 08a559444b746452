// Several runs' cucumber messages as one run, for `sm-conformance merge` (CI shards, one
// folder per device). Every run parses the same feature files but names their nodes with ids
// of its own, so a later run's gherkin documents and pickles are mapped onto the first run's
// (node by node) and dropped, and every id that pointed at them is rewritten; test cases,
// results and attachments are kept from every run. One meta, one testRunStarted, one
// testRunFinished (successful only if every run was).

import type { Envelope } from './run-messages.ts';

type Pickle = NonNullable<Envelope['pickle']>;

export class MergeError extends Error {}

export function mergeRunMessages(runs: readonly (readonly Envelope[])[]): Envelope[] {
  const merged: Envelope[] = [];
  const documents = new Map<string, unknown>();
  const sources = new Set<string>();
  const pickles = new Map<string, Pickle>();
  let meta = false;
  let runStarted: Envelope | undefined;
  let finished: { success: boolean; seconds: number; nanos: number; envelope: Envelope } | undefined;

  runs.forEach((run, index) => {
    const ids = new Map<string, string>();
    const mapped = (envelope: Envelope): Envelope => (ids.size === 0 ? envelope : (remapIds(envelope, ids) as Envelope));
    for (const original of run) {
      if (original.meta) {
        if (!meta) merged.push(original);
        meta = true;
      } else if (original.source) {
        const uri = (original.source as { uri?: string }).uri ?? '';
        if (!sources.has(uri)) merged.push(original);
        sources.add(uri);
      } else if (original.gherkinDocument) {
        const uri = original.gherkinDocument.uri ?? '';
        const first = documents.get(uri);
        if (first === undefined) {
          documents.set(uri, original.gherkinDocument);
          merged.push(original);
        } else if (!sameNodes(original.gherkinDocument, first, ids)) {
          throw new MergeError(`run ${index + 1} ran another version of ${uri} than run 1: only reports of the same features merge`);
        }
      } else if (original.pickle) {
        const pickle = mapped(original).pickle!;
        const key = `${pickle.uri}\n${pickle.astNodeIds.join(',')}`;
        const first = pickles.get(key);
        if (!first) {
          pickles.set(key, pickle);
          merged.push({ pickle });
          continue;
        }
        ids.set(original.pickle.id, first.id);
        original.pickle.steps.forEach((step, position) => {
          const same = first.steps[position];
          if (same) ids.set(step.id, same.id);
        });
      } else if (original.testRunStarted) {
        const firstId = runStarted && runIdOf(runStarted);
        const id = runIdOf(original);
        if (!runStarted) {
          runStarted = original;
          merged.push(original);
        } else if (id !== undefined && firstId !== undefined) {
          ids.set(id, firstId);
        }
      } else if (original.testRunFinished) {
        const envelope = mapped(original);
        const at = envelope.testRunFinished!.timestamp;
        const success = (finished?.success ?? true) && envelope.testRunFinished!.success !== false;
        const later = !finished || at.seconds > finished.seconds || (at.seconds === finished.seconds && at.nanos > finished.nanos);
        finished = later ? { success, seconds: at.seconds, nanos: at.nanos, envelope } : { ...finished!, success };
      } else {
        merged.push(mapped(original));
      }
    }
  });
  if (finished) merged.push({ ...finished.envelope, testRunFinished: { ...finished.envelope.testRunFinished!, success: finished.success } });
  return merged;
}

function runIdOf(envelope: Envelope): string | undefined {
  return (envelope.testRunStarted as unknown as { id?: string }).id;
}

/** Walks two gherkin documents in step; records later id → first id. False when they differ. */
function sameNodes(later: unknown, first: unknown, ids: Map<string, string>): boolean {
  if (Array.isArray(later)) {
    return Array.isArray(first) && later.length === first.length && later.every((item, index) => sameNodes(item, first[index], ids));
  }
  if (typeof later === 'object' && later !== null) {
    if (typeof first !== 'object' || first === null || Array.isArray(first)) return false;
    const a = later as Record<string, unknown>;
    const b = first as Record<string, unknown>;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) {
      if (key === 'id' && typeof a[key] === 'string' && typeof b[key] === 'string') {
        ids.set(a[key] as string, b[key] as string);
        continue;
      }
      if (!sameNodes(a[key], b[key], ids)) return false;
    }
    return true;
  }
  return later === first;
}

function remapIds(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => remapIds(item, ids));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, remapIds(inner, ids)]));
  }
  return value;
}
