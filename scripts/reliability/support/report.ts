/** What each item of the suite hands back: figures to print and failures that fail the run. */
/** The reports made so far, so a run that crashes mid-item still shows what it had found. */
export const reports: Report[] = [];

export class Report {
  readonly figures: string[] = [];
  readonly failures: string[] = [];
  /** How many checks ran: an item that checked nothing proved nothing, and fails. */
  checks = 0;
  constructor(readonly title: string) {
    reports.push(this);
  }

  figure(line: string): void {
    this.figures.push(line);
  }

  /** Records a failure unless `ok`; returns `ok` so callers can branch on it. */
  check(ok: boolean, failure: string): boolean {
    this.checks++;
    if (!ok) this.failures.push(failure);
    return ok;
  }

  get ok(): boolean {
    return this.checks > 0 && this.failures.length === 0;
  }

  /** The failures to print, including "no checks ran" for an item that made none. */
  get problems(): string[] {
    return this.checks === 0 ? ["the item ran no checks", ...this.failures] : this.failures;
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
