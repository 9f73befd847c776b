import * as echarts from 'echarts';
import type { RagPeriod } from '@app/projections/outcomes';

const TEXT = '#0b0c0c';
/** GOV.UK Design System colours for the three ratings. */
const COLOURS = { red: '#d4351c', amber: '#f47738', green: '#00703c' } as const;

/**
 * RAG over time as inline SVG drawn on the server by Apache ECharts: per reporting period,
 * the reports rated red, amber and green, stacked. Decorative for assistive technology: the
 * page gives the same counts as a table.
 */
export function ragChartSvg(periods: readonly RagPeriod[]): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 680, height: 320 });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'GDS Transport, arial, sans-serif', color: TEXT, fontSize: 14 },
    legend: { top: 0, textStyle: { color: TEXT } },
    grid: { left: 8, right: 16, top: 40, bottom: 28, containLabel: true },
    xAxis: { type: 'category', data: periods.map((p) => p.period), axisLabel: { color: TEXT } },
    yAxis: { type: 'value', minInterval: 1, name: 'Reports', nameTextStyle: { color: TEXT }, axisLabel: { color: TEXT }, splitLine: { lineStyle: { color: '#b1b4b6' } } },
    series: (['red', 'amber', 'green'] as const).map((rag) => ({
      name: rag[0].toUpperCase() + rag.slice(1),
      type: 'bar',
      stack: 'rag',
      data: periods.map((p) => p.counts[rag]),
      itemStyle: { color: COLOURS[rag] },
    })),
  });
  const svg = chart.renderToSVGString().replace('<svg ', '<svg aria-hidden="true" focusable="false" class="ledger-chart__svg" ');
  chart.dispose();
  return svg;
}
