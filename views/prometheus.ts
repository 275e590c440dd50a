/** Prometheus text exposition format (version 0.0.4) of counters and histograms. */

export type Labels = Record<string, string>;

export interface CounterSnapshot {
  kind: "counter";
  name: string;
  help: string;
  values: { labels: Labels; value: number }[];
}

export interface HistogramSnapshot {
  kind: "histogram";
  name: string;
  help: string;
  buckets: readonly number[];
  values: { labels: Labels; counts: number[]; sum: number; count: number }[];
}

export type MetricSnapshot = CounterSnapshot | HistogramSnapshot;

function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll("\n", "\\n").replaceAll('"', '\\"');
}

function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
}

/** The metrics as Prometheus scrapes them. */
export function prometheusText(metrics: readonly MetricSnapshot[]): string {
  const lines: string[] = [];
  for (const metric of metrics) {
    lines.push(`# HELP ${metric.name} ${metric.help}`, `# TYPE ${metric.name} ${metric.kind}`);
    if (metric.kind === "counter") {
      for (const { labels, value } of metric.values) {
        lines.push(`${metric.name}${labelText(labels)} ${value}`);
      }
      continue;
    }
    for (const { labels, counts, sum, count } of metric.values) {
      let cumulative = 0;
      metric.buckets.forEach((bound, i) => {
        cumulative += counts[i]!;
        lines.push(
          `${metric.name}_bucket${labelText({ ...labels, le: String(bound) })} ${cumulative}`,
        );
      });
      lines.push(`${metric.name}_bucket${labelText({ ...labels, le: "+Inf" })} ${count}`);
      lines.push(`${metric.name}_sum${labelText(labels)} ${sum}`);
      lines.push(`${metric.name}_count${labelText(labels)} ${count}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
