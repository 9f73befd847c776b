import * as echarts from 'echarts';
import { formatPence, type Pence } from '@app/domain';

export interface ChartEntry {
  readonly label: string;
  readonly pence: Pence;
}

const GOVUK_BLUE = '#1d70b8';
const TEXT = '#0b0c0c';
const compactPounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', notation: 'compact', maximumFractionDigits: 1 });

/** Bounded cache: a chart is the same for the same figures, and the home page is opened often. */
const cache = new Map<string, string>();
const CACHE_SIZE = 200;

/**
 * A horizontal bar chart as inline SVG, drawn on the server by Apache ECharts (SSR mode, no
 * DOM): it shows with JavaScript off and in print. The SVG is decorative for assistive
 * technology; the page gives the same figures as a table beside it.
 */
export function barChartSvg(title: string, entries: readonly ChartEntry[]): string {
  const key = JSON.stringify([title, entries]);
  const known = cache.get(key);
  if (known) return known;
  const height = 60 + entries.length * 34;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 680, height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'GDS Transport, arial, sans-serif', color: TEXT, fontSize: 14 },
    grid: { left: 8, right: 72, top: 16, bottom: 28, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (pounds: number) => compactPounds.format(pounds), color: TEXT }, splitLine: { lineStyle: { color: '#b1b4b6' } } },
    yAxis: { type: 'category', inverse: true, data: entries.map((e) => e.label), axisLabel: { color: TEXT, width: 220, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        data: entries.map((e) => e.pence / 100),
        itemStyle: { color: GOVUK_BLUE },
        label: { show: true, position: 'right', color: TEXT, formatter: ({ value }: { value: number }) => formatPence(Math.round(value * 100)).replace(/\.00$/, '') },
      },
    ],
  });
  const svg = chart.renderToSVGString().replace('<svg ', '<svg aria-hidden="true" focusable="false" class="ledger-chart__svg" ');
  chart.dispose();
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, svg);
  return svg;
}
