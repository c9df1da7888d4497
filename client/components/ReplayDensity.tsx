import { scaleLinear } from 'd3';
import { memo } from 'react';
import type { Timeline } from '../../shared/contract/planning';

const HEIGHT = 44;

/** The density of escalations (and, paler, of openings) per bucket of the log's span, with the replay cursor. */
export const ReplayDensity = memo(function ReplayDensity({ timeline, width, cursor }: { timeline: Timeline; width: number; cursor: number }) {
  if (width <= 0) return null;
  const { buckets } = timeline;
  const most = Math.max(1, ...buckets.map((b) => Math.max(b.escalations, b.opened)));
  const y = scaleLinear().domain([0, most]).range([0, HEIGHT - 4]);
  const barWidth = width / Math.max(1, buckets.length);
  const total = buckets.reduce((n, b) => n + b.escalations, 0);
  return (
    <svg className="replay-density" width={width} height={HEIGHT} role="img" aria-label={`${total} escalations over the span; the cursor is at ${Math.round(cursor * 100)} %`}>
      {buckets.map((bucket, i) => (
        <g key={bucket.start}>
          {bucket.opened > 0 && <rect className="replay-opened" x={i * barWidth} width={Math.max(1, barWidth - 0.5)} y={HEIGHT - y(bucket.opened)} height={y(bucket.opened)} />}
          {bucket.escalations > 0 && <rect className="replay-escalations" x={i * barWidth} width={Math.max(1, barWidth - 0.5)} y={HEIGHT - y(bucket.escalations)} height={y(bucket.escalations)} />}
        </g>
      ))}
      <line className="replay-cursor" x1={cursor * width} x2={cursor * width} y1={0} y2={HEIGHT} />
    </svg>
  );
});
