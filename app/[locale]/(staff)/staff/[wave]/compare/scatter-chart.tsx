"use client";

import { Chart as ChartJS, LinearScale, LineElement, PointElement, Tooltip, type ChartData, type Plugin } from "chart.js";
import { Scatter } from "react-chartjs-2";

ChartJS.register(LinearScale, PointElement, LineElement, Tooltip);

export interface ScatterTown {
  town: string;
  /** The official figure. */
  x: number;
  share: number;
  low: number;
  high: number;
  n: number;
}

type TownPoint = ScatterTown & { y: number };

// chart.js keeps extra properties of a data point; its types only name x and y.
const townPoints = (chart: ChartJS<"scatter">) => (chart.data.datasets[0]?.data ?? []) as unknown as TownPoint[];

// Each town's name beside its point and its 95 % interval as a vertical whisker: a PNG of
// the chart has no tooltips, so what a reader needs must be drawn.
const namesAndWhiskers: Plugin<"scatter"> = {
  id: "namesAndWhiskers",
  afterDatasetsDraw(chart) {
    const { ctx, scales } = chart;
    const x = scales.x!;
    const y = scales.y!;
    ctx.save();
    ctx.strokeStyle = "rgba(27,31,36,0.55)";
    ctx.fillStyle = "#1b1f24";
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    for (const point of townPoints(chart)) {
      const left = x.getPixelForValue(point.x);
      ctx.beginPath();
      ctx.moveTo(left, y.getPixelForValue(point.low));
      ctx.lineTo(left, y.getPixelForValue(point.high));
      ctx.stroke();
      ctx.fillText(point.town, left + 8, y.getPixelForValue(point.share));
    }
    ctx.restore();
  },
};

/** Towns as points: the official figure across, the residents' favourable share up; the shared target as a vertical line. */
export function ScatterChart({ towns, target, xTitle, yTitle, targetLabel, locale }: {
  towns: ScatterTown[];
  target: number | null;
  xTitle: string;
  yTitle: string;
  targetLabel: string;
  locale: string;
}) {
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const precise = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const number = new Intl.NumberFormat(locale);
  const points: TownPoint[] = towns.map((town) => ({ ...town, y: town.share }));
  const data: ChartData<"scatter"> = {
    datasets: [
      { data: points, backgroundColor: "#0b6e4f", pointRadius: 6 },
      ...(target === null
        ? []
        : [{ label: targetLabel, data: [{ x: target, y: 0 }, { x: target, y: 1 }], showLine: true, borderColor: "#b42318", borderDash: [6, 4], pointRadius: 0 }]),
    ],
  };
  return (
    <Scatter
      aria-hidden
      plugins={[namesAndWhiskers]}
      options={{
        maintainAspectRatio: false,
        animation: false,
        layout: { padding: { right: 80 } },
        scales: {
          x: { title: { display: true, text: xTitle }, grace: "10%", ticks: { callback: (value) => number.format(Number(value)) } },
          y: { min: 0, max: 1, title: { display: true, text: yTitle }, ticks: { callback: (value) => percent.format(Number(value)) } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            filter: (item) => item.datasetIndex === 0,
            callbacks: {
              label: (context) => {
                const town = towns[context.dataIndex]!;
                return `${town.town}: ${number.format(town.x)}; ${precise.format(town.share)} (${precise.format(town.low)}–${precise.format(town.high)}), n = ${town.n}`;
              },
            },
          },
        },
      }}
      data={data}
    />
  );
}
