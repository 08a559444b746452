// The figures a benchmark reports: each one a set of samples (one per run) summarised as
// the median and the spread (min–max), so that a single noisy run cannot make or break it.

export interface Figure {
  /** Which part of the benchmark: suite, roundtrip, linerate, reader. */
  section: string;
  name: string;
  unit: string;
  /** One value per run. */
  samples: number[];
  median: number;
  min: number;
  max: number;
  /** What the figure is measured against, when the issue sets an aim. */
  aim?: string;
  /** Whether the median meets the aim (absent when there is none). */
  meetsAim?: boolean;
  note?: string;
}

/** The q-quantile (0..1) of `values` by linear interpolation between the closest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export function figure(section: string, name: string, unit: string, samples: readonly number[], extra: Pick<Figure, 'aim' | 'meetsAim' | 'note'> = {}): Figure {
  return {
    section, name, unit, samples: [...samples],
    median: quantile(samples, 0.5), min: Math.min(...samples), max: Math.max(...samples),
    ...extra,
  };
}
