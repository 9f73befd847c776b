/** What the documents capability is configured with (from AppConfig at the edge). */
export interface DocumentSettings {
  /** Largest document accepted, in bytes. */
  readonly maxBytes: number;
  /** clamd's address; unset: documents are accepted as "not scanned". */
  readonly clamavUrl?: string;
}

export const DOCUMENT_SETTINGS = Symbol('DOCUMENT_SETTINGS');

export const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
