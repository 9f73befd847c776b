import { fileTypeFromBuffer } from 'file-type';

/** The media types a document may have, told by its bytes (file-type), never by its name. */
export const ALLOWED_MEDIA_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument presentation',
  // Word, Excel and PowerPoint 97–2003 share one container format.
  'application/x-cfb': 'Microsoft Office 97–2003 document',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'image/tiff': 'TIFF image',
  'text/csv': 'CSV',
};

export type Sniffed = { readonly ok: true; readonly mediaType: string; readonly label: string } | { readonly ok: false; readonly found: string };

/**
 * What the bytes are. A binary format has a signature; CSV has none, so it is text that
 * decodes as UTF-8, holds no control characters but tab and line breaks, and has
 * comma-separated lines.
 */
export async function sniffDocument(bytes: Buffer): Promise<Sniffed> {
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const label = ALLOWED_MEDIA_TYPES[detected.mime];
    return label ? { ok: true, mediaType: detected.mime, label } : { ok: false, found: detected.mime };
  }
  return looksLikeCsv(bytes) ? { ok: true, mediaType: 'text/csv', label: 'CSV' } : { ok: false, found: 'unrecognised content' };
}

function looksLikeCsv(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return false;
  if (/^\s*</.test(text)) return false; // markup (HTML, SVG, XML) is not a CSV
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.length > 0 && lines.every((line) => line.includes(','));
}
