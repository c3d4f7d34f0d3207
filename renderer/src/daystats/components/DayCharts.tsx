import type { BarChart } from '../day-chart';

const short = (value: number) => (value >= 10_000 ? `${Math.round(value / 1000) / 10}万` : String(Math.round(value * 100) / 100));

/** Horizontal bars (value by goods or by point), each with its label and value. */
export function HorizontalBarChart({ chart, title, format, testId }: { chart: BarChart; title: string; format: (v: number) => string; testId: string }) {
  return (
    <svg className="day-chart" viewBox={`0 0 ${chart.width} ${chart.height}`} role="img" aria-label={title} data-testid={testId}>
      <title>{title}</title>
      {chart.ticks.map((tick) => (
        <g key={tick.at}>
          <line x1={tick.at} x2={tick.at} y1={0} y2={chart.height - 18} className="grid" />
          <text x={tick.at} y={chart.height - 6} textAnchor="middle" className="tick">
            {short(tick.value)}
          </text>
        </g>
      ))}
      {chart.bars.map((bar) => (
        <g key={bar.key} data-testid={`${testId}-bar`}>
          <text x={bar.x - 6} y={bar.y + bar.height * 0.72} textAnchor="end" className="label">
            {bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label}
          </text>
          <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} className="bar">
            <title>{`${bar.label}: ${format(bar.value)}`}</title>
          </rect>
          <text x={bar.x + bar.width + 4} y={bar.y + bar.height * 0.72} className="value">
            {format(bar.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** Columns (tickets per day), the day's label under each and its count above it. */
export function ColumnChart({ chart, title, testId }: { chart: BarChart; title: string; testId: string }) {
  return (
    <svg className="day-chart" viewBox={`0 0 ${chart.width} ${chart.height}`} role="img" aria-label={title} data-testid={testId}>
      <title>{title}</title>
      {chart.ticks.map((tick) => (
        <g key={tick.at}>
          <line x1={40} x2={chart.width - 8} y1={tick.at} y2={tick.at} className="grid" />
          <text x={36} y={tick.at + 4} textAnchor="end" className="tick">
            {short(tick.value)}
          </text>
        </g>
      ))}
      {chart.bars.map((bar) => (
        <g key={bar.key}>
          <rect x={bar.x} y={bar.y} width={bar.width} height={bar.height} className="bar">
            <title>{`${bar.label}: ${bar.value}`}</title>
          </rect>
          <text x={bar.x + bar.width / 2} y={bar.y - 3} textAnchor="middle" className="value">
            {bar.value}
          </text>
          <text x={bar.x + bar.width / 2} y={chart.axis + 16} textAnchor="middle" className="tick">
            {bar.label}
          </text>
        </g>
      ))}
    </svg>
  );
}
