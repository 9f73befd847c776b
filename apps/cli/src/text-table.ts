/** Plain columns for a terminal: each padded to its widest cell; `numeric` columns right-aligned. */
export function textTable(head: readonly string[], rows: ReadonlyArray<readonly string[]>, numeric: readonly number[] = []): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (numeric.includes(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
