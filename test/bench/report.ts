// The bench's one output shape: every figure as measured, its baseline measured in the same run, the ratio and the
// target, printed as one table.

export interface BenchRow {
  figure: string;
  measured: string;
  baseline: string;
  ratio: number | null;
  target: string;
  met: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const HEADER = ['figure', 'measured', 'baseline (same run)', 'ratio', 'target', 'met'];

function cells(row: BenchRow): string[] {
  return [row.figure, row.measured, row.baseline, row.ratio === null ? '–' : `${row.ratio.toFixed(2)}×`, row.target, row.met ? 'yes' : 'NO'];
}

/** The rows as a Markdown-style table, then whether every target was met. */
export function printRows(rows: readonly BenchRow[], write: (line: string) => void = console.log): boolean {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, column) => Math.max(...table.map((line) => line[column].length)));
  const line = (values: string[]): string => `| ${values.map((value, column) => value.padEnd(widths[column])).join(' | ')} |`;
  write(line(HEADER));
  write(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const values of table.slice(1)) write(line(values));
  const met = rows.every((row) => row.met);
  const missed = rows.filter((row) => !row.met).map((row) => row.figure);
  write(met ? `Every target met (${rows.length} figures).` : `Targets missed (${missed.length} of ${rows.length}): ${missed.join('; ')}`);
  return met;
}
