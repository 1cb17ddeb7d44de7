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

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

// Each town's name beside its point and its 95 % interval as a vertical whisker: a PNG of
// the chart has no tooltips, so what a reader needs must be drawn. A name goes right of its
// point, else left, above or below, wherever it covers no other point or name.
const namesAndWhiskers: Plugin<"scatter"> = {
  id: "namesAndWhiskers",
  afterDatasetsDraw(chart) {
    const { ctx, scales } = chart;
    const placed = townPoints(chart).map((point) => ({ point, x: scales.x!.getPixelForValue(point.x), y: scales.y!.getPixelForValue(point.share) }));
    const dots: Box[] = placed.map(({ x, y }) => ({ left: x - 7, top: y - 7, right: x + 7, bottom: y + 7 }));
    const names: Box[] = [];
    ctx.save();
    ctx.strokeStyle = "rgba(27,31,36,0.55)";
    ctx.fillStyle = "#1b1f24";
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    for (const [index, { point, x, y }] of placed.entries()) {
      ctx.beginPath();
      ctx.moveTo(x, scales.y!.getPixelForValue(point.low));
      ctx.lineTo(x, scales.y!.getPixelForValue(point.high));
      ctx.stroke();
      const width = ctx.measureText(point.town).width;
      const candidates: Box[] = [
        { left: x + 9, top: y - 7, right: x + 9 + width, bottom: y + 7 },
        { left: x - 9 - width, top: y - 7, right: x - 9, bottom: y + 7 },
        { left: x - width / 2, top: y - 23, right: x + width / 2, bottom: y - 9 },
        { left: x - width / 2, top: y + 9, right: x + width / 2, bottom: y + 23 },
      ];
      const others = [...dots.filter((_, other) => other !== index), ...names];
      const box = candidates.find((candidate) => !others.some((other) => overlaps(candidate, other))) ?? candidates[0]!;
      names.push(box);
      ctx.fillText(point.town, box.left, (box.top + box.bottom) / 2);
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
  // Room around the points and the target, but no negative axis for figures that cannot be negative.
  const xs = [...towns.map((town) => town.x), ...(target === null ? [] : [target])];
  const [lowest, highest] = [Math.min(...xs), Math.max(...xs)];
  const pad = (highest - lowest || Math.abs(highest) || 1) * 0.1;
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
          x: {
            title: { display: true, text: xTitle },
            suggestedMin: lowest >= 0 ? Math.max(0, lowest - pad) : lowest - pad,
            suggestedMax: highest + pad,
            ticks: { callback: (value) => number.format(Number(value)) },
          },
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
