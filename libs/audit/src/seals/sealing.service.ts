import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { AUDIT_LOG, type AuditLog } from '../log/audit-log.port';
import { writeAnchor } from '../verify/anchor';
import { sealAnchorFile } from './seal-key';
import { DEFAULT_SEAL_SIZE, type SealReport, sealLog } from './seal-log';
import { SealStore } from './seal-store';

export interface SealingOptions {
  /** How often the sealing step runs. */
  readonly intervalMs: number;
  /** Events per seal (at most). */
  readonly size: number;
  /** A tail shorter than `size` is sealed once its first event is this old: the most the log stays unsealed. */
  readonly maxUnsealedMs: number;
  /** Seal whatever RUN_PROJECTIONS says (the worker); otherwise only where read models are kept. */
  readonly always: boolean;
}

export const SEALING_OPTIONS = Symbol('SEALING_OPTIONS');
export const DEFAULT_SEALING: SealingOptions = { intervalMs: 60_000, size: DEFAULT_SEAL_SIZE, maxUnsealedMs: 5 * 60_000, always: false };

/**
 * Seals the global order of the log in the background: a plain interval, one run at a
 * time. Sealing is idempotent and safe beside another process sealing the same log.
 */
@Injectable()
export class SealingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Sealing');
  private readonly options: SealingOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(AUDIT_LOG) private readonly log: AuditLog,
    private readonly seals: SealStore,
    private readonly config: AppConfig,
    @Optional() @Inject(SEALING_OPTIONS) options?: Partial<SealingOptions>,
  ) {
    this.options = { ...DEFAULT_SEALING, ...options };
  }

  onApplicationBootstrap(): void {
    if (!this.config.RUN_PROJECTIONS && !this.options.always) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.logger.log(`Sealing the log every ${this.options.intervalMs / 1000}s (${this.options.size} events a seal)`);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sealing run, unless the previous one is still going. */
  tick(): Promise<void> {
    this.running ??= this.sealOnce()
      .then((report) => {
        if (report.written.length === 0) return;
        this.logger.log(`Sealed ${report.events} event(s) in ${report.written.length} seal(s)`);
        return this.keepAnchor();
      })
      .catch((error: unknown) => this.logger.error(`Sealing failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** What verify checks the log against later: the last seal, how many seals, how many events they cover. */
  private async keepAnchor(): Promise<void> {
    const seals = await this.seals.all();
    const last = seals.at(-1);
    if (!last) return;
    writeAnchor(sealAnchorFile(this.config), {
      sealNo: last.sealNo,
      sealHash: last.sealHash,
      seals: seals.length,
      headPosition: last.toPosition,
      logEvents: seals.reduce((sum, seal) => sum + seal.events, 0),
      at: new Date().toISOString(),
    });
  }

  /** recordedAt is wall-clock time (the store stamps it), so the tail's age is measured on the wall clock too. */
  private sealOnce(): Promise<SealReport> {
    const recordedBefore = new Date(Date.now() - this.options.maxUnsealedMs);
    return sealLog(this.log, this.seals, { size: this.options.size, tail: { recordedBefore } });
  }
}
