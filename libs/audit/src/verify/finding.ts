/** One thing `verify` found broken, placed at a global position so the first can be named. */
export interface Finding {
  readonly kind: 'stream' | 'seal' | 'document';
  /** The broken event's position; for a seal, the first position it vouches for. */
  readonly globalPosition: number;
  readonly streamId: string | null;
  readonly revision: number | null;
  readonly sealNo: number | null;
  readonly reason: string;
}

export const byPosition = (a: Finding, b: Finding): number =>
  a.globalPosition - b.globalPosition || (a.kind === b.kind ? 0 : a.kind === 'stream' ? -1 : b.kind === 'stream' ? 1 : a.kind === 'seal' ? -1 : 1);
