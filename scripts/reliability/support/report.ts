/** What each item of the suite hands back: figures to print and failures that fail the run. */
/** The reports made so far, so a run that crashes mid-item still shows what it had found. */
export const reports: Report[] = [];

export class Report {
  readonly figures: string[] = [];
  readonly failures: string[] = [];
  constructor(readonly title: string) {
    reports.push(this);
  }

  figure(line: string): void {
    this.figures.push(line);
  }

  /** Records a failure unless `ok`; returns `ok` so callers can branch on it. */
  check(ok: boolean, failure: string): boolean {
    if (!ok) this.failures.push(failure);
    return ok;
  }

  get ok(): boolean {
    return this.failures.length === 0;
  }
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

export async function inBatches<T, R>(
  items: T[],
  size: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)))));
  }
  return out;
}
