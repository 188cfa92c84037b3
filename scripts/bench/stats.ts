/** Small statistics helpers for the benchmark: percentiles over latency samples, in ms. */
import os from 'node:os';

/** Latency summary of one series of samples (ms). */
export interface Latency {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/** p50/p99/max of `samples` (ms); sorts a copy. */
export function summarise(samples: ArrayLike<number>): Latency {
  const xs = Float64Array.from(samples).sort();
  const pick = (p: number) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]! : 0);
  return { n: xs.length, p50: round(pick(0.5)), p99: round(pick(0.99)), max: round(xs.length ? xs[xs.length - 1]! : 0) };
}

/** Round to 3 decimals (µs resolution), for the JSON report. */
export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The 1-minute load average (the machine is shared: figures must be read against it). */
export function load1(): number {
  return round(os.loadavg()[0]!, 2);
}
