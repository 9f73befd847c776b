/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled; lines end CRLF. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
