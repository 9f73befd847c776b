import { actualsProjection } from './actuals/actuals.projection';
import { auditLogProjection } from './audit-log/audit-log.projection';
import { budgetProjection } from './budget/budget.projection';
import { pipelineProjection } from './pipeline/pipeline.projection';
import { deadlinesProjection } from './deadlines/deadlines.projection';
import { outcomesProjection } from './outcomes/outcomes.projection';
import type { Projection } from './projection';

/**
 * Every read model the product keeps. Each is a pure projection in its own folder; the
 * runner, replay and /health take the list from here.
 */
export const READ_MODELS: readonly Projection[] = [budgetProjection, pipelineProjection, auditLogProjection, outcomesProjection, deadlinesProjection, actualsProjection];
