import type { BudgetView } from '@app/projections/budget';
import { barChartSvg } from '../charts/bar-chart';

const BREAKDOWN_TITLES = { byTheme: 'Budget committed by theme', byMechanism: 'Budget committed by funding mechanism', byLocality: 'Partnership Locality Fund by locality' } as const;

/** Each chart with its table alternative: the same figures, from the budget read model. */
export function budgetCharts(view: BudgetView) {
  return (Object.keys(BREAKDOWN_TITLES) as Array<keyof typeof BREAKDOWN_TITLES>).map((name) => {
    const entries = Object.entries(view[name]).map(([label, pence]) => ({ label, pence }));
    return { id: name, title: BREAKDOWN_TITLES[name], svg: barChartSvg(BREAKDOWN_TITLES[name], entries), rows: entries.map((e) => [{ text: e.label }, { text: view.formatted[name][e.label], format: 'numeric' }]) };
  });
}
