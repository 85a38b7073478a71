/** Order statistics over the rounds of one measurement. */
export interface Summary {
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
  n: number;
}

/** Linear-interpolated quantile (the "type 7" estimator of R and NumPy). */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    n: sorted.length,
  };
}

/** Formats a number with a sensible number of significant digits. */
export function num(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 10 ** digits) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** "1,234 (1,200–1,260)": the median and its interquartile range. */
export function fmt(s: Summary, unit = '', digits = 3): string {
  return `${num(s.median, digits)}${unit} (${num(s.p25, digits)}–${num(s.p75, digits)})`;
}

/** "1,234 [1,100–1,300]": the median and its full range, for small round counts. */
export function fmtRange(s: Summary, unit = '', digits = 3): string {
  return `${num(s.median, digits)}${unit} [${num(s.min, digits)}–${num(s.max, digits)}]`;
}

export function verdict(ok: boolean): string {
  return ok ? '✅ met' : '❌ missed';
}

/** A median ratio of two paired series: the median of per-round ratios. */
export function ratio(numerator: readonly number[], denominator: readonly number[]): Summary {
  const n = Math.min(numerator.length, denominator.length);
  return summarize(Array.from({ length: n }, (_, i) => (numerator[i] as number) / (denominator[i] as number)));
}

/** A median difference of two paired series: the median of per-round differences. */
export function difference(minuend: readonly number[], subtrahend: readonly number[]): Summary {
  const n = Math.min(minuend.length, subtrahend.length);
  return summarize(Array.from({ length: n }, (_, i) => (minuend[i] as number) - (subtrahend[i] as number)));
}
