import { scaleBand, scaleLinear } from 'd3';
import type { LevelBar } from '../state/whatif';

const HEIGHT = 180;
const MARGIN = { top: 18, right: 8, bottom: 34, left: 8 };

/** Episodes by the level they were settled at, the live run and the what-if side by side per level. */
export function WhatifChart({ bars, width }: { bars: LevelBar[]; width: number }) {
  if (width <= 0) return null;
  const most = Math.max(1, ...bars.flatMap((bar) => [bar.live, bar.whatif]));
  const x = scaleBand().domain(bars.map((bar) => bar.label)).range([MARGIN.left, width - MARGIN.right]).paddingInner(0.25);
  const y = scaleLinear().domain([0, most]).range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const half = x.bandwidth() / 2;
  const summary = bars.map((bar) => `${bar.label}: ${bar.live} live, ${bar.whatif} what-if`).join('; ');
  return (
    <svg className="whatif-chart" width={width} height={HEIGHT} role="img" aria-label={`Episodes by the level they were settled at. ${summary}`} data-testid="whatif-chart">
      {bars.map((bar) => {
        const left = x(bar.label)!;
        return (
          <g key={bar.label} data-level={bar.label}>
            <rect className="whatif-bar live" x={left} width={half - 1} y={y(bar.live)} height={y(0) - y(bar.live)} />
            <rect className="whatif-bar whatif" x={left + half} width={half - 1} y={y(bar.whatif)} height={y(0) - y(bar.whatif)} />
            <text className="whatif-count" x={left + half / 2} y={y(bar.live) - 3} textAnchor="middle">
              {bar.live}
            </text>
            <text className="whatif-count" x={left + half * 1.5} y={y(bar.whatif) - 3} textAnchor="middle">
              {bar.whatif}
            </text>
            <text className="whatif-level" x={left + half} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">
              {bar.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
