import type { Projection } from './projection';

/**
 * Every read model the product keeps. Each is a pure projection in its own folder; the
 * runner, replay and /health take the list from here.
 */
export const READ_MODELS: readonly Projection[] = [];
