"use client";

import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from "chart.js";
import { Bar } from "react-chartjs-2";

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

interface Bar {
  label: string;
  share: number;
  low: number;
  high: number;
  n: number;
}

/** Favourable shares as bars, each with its 95 % interval as a thin floating bar. */
export function TargetsChart({ bars, title, locale }: { bars: Bar[]; title: string; locale: string }) {
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  return (
    <Bar
      // The figure around it (ChartFigure) names and describes the chart.
      aria-hidden="true"
      options={{
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { min: 0, max: 1, ticks: { callback: (value) => percent.format(Number(value)) } },
          y: { ticks: { callback: (_, index) => truncate(bars[index]?.label ?? "") } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (context) => {
                const bar = bars[context.dataIndex]!;
                return `${percent.format(bar.share)} (${percent.format(bar.low)}–${percent.format(bar.high)}), n = ${bar.n}`;
              },
            },
          },
        },
      }}
      data={{
        labels: bars.map((bar) => bar.label),
        datasets: [
          { label: title, data: bars.map((bar) => bar.share), backgroundColor: "#0b6e4f", barPercentage: 0.7 },
          {
            label: "95 %",
            // Chart.js draws [low, high] pairs as floating bars; its types only name plain numbers.
            data: bars.map((bar) => [bar.low, bar.high]) as unknown as number[],
            backgroundColor: "rgba(27,31,36,0.55)",
            barPercentage: 0.15,
            grouped: false,
          },
        ],
      }}
    />
  );
}

function truncate(label: string): string {
  return label.length > 48 ? `${label.slice(0, 47)}…` : label;
}
