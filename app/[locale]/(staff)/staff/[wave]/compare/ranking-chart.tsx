"use client";

import { BarElement, CategoryScale, Chart as ChartJS, LinearScale, Tooltip } from "chart.js";
import { Bar } from "react-chartjs-2";

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip);

export interface RankingBar {
  town: string;
  share: number;
  low: number;
  high: number;
  n: number;
}

/** One bar per town, highest share first, with its 95 % interval as a thin floating bar. */
export function RankingChart({ bars, locale }: { bars: RankingBar[]; locale: string }) {
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const precise = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (
    <Bar
      aria-hidden
      options={{
        indexAxis: "y",
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { min: 0, max: 1, ticks: { callback: (value) => percent.format(Number(value)) } } },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (context) => {
                const bar = bars[context.dataIndex]!;
                return `${precise.format(bar.share)} (${precise.format(bar.low)}–${precise.format(bar.high)}), n = ${bar.n}`;
              },
            },
          },
        },
      }}
      data={{
        labels: bars.map((bar) => bar.town),
        datasets: [
          { data: bars.map((bar) => bar.share), backgroundColor: "#0b6e4f", barPercentage: 0.7 },
          {
            // Chart.js draws [low, high] pairs as floating bars; its types only name plain numbers.
            data: bars.map((bar) => [bar.low, bar.high]) as unknown as number[],
            backgroundColor: "rgba(27,31,36,0.7)",
            barPercentage: 0.15,
            grouped: false,
            // Drawn over the share's bar, so the whole interval shows, below the share as well.
            order: -1,
          },
        ],
      }}
    />
  );
}
