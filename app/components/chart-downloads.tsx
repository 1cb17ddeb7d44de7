"use client";

import { useRef } from "react";
import type { CsvTable } from "@/lib/csv-cells";

const TITLE_BAND = 40;

/** The download buttons of a ChartFigure: the chart drawn in its figure, with its title, and its table. */
export function ChartDownloads({ title, fileName, table, labels }: {
  title: string;
  fileName: string;
  table: CsvTable;
  labels: { png: string; csv: string };
}) {
  const ref = useRef<HTMLDivElement>(null);

  const downloadPng = () => {
    const canvas = ref.current?.closest("figure")?.querySelector("canvas");
    if (!canvas) return;
    // chart.js draws on a transparent canvas (toBase64Image keeps it so), which many viewers
    // and slide templates show on black: draw it onto white, under its title, since a
    // picture pasted into a report no longer has the page's caption beside it.
    const scale = canvas.width / canvas.clientWidth || 1;
    const band = Math.round(TITLE_BAND * scale);
    const copy = document.createElement("canvas");
    copy.width = canvas.width;
    copy.height = canvas.height + band;
    const context = copy.getContext("2d")!;
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, copy.width, copy.height);
    context.fillStyle = "#1b1f24";
    context.font = `600 ${Math.round(15 * scale)}px system-ui, sans-serif`;
    context.textBaseline = "middle";
    context.fillText(title, Math.round(8 * scale), band / 2, copy.width - Math.round(16 * scale));
    context.drawImage(canvas, 0, band);
    save(copy.toDataURL("image/png"), `${fileName}.png`);
  };

  const downloadCsv = async () => {
    // Loaded on the first click: the CSV writer is not part of any page's first load.
    const { tableCsv } = await import("@/lib/csv-cells");
    const url = URL.createObjectURL(new Blob([tableCsv(table)], { type: "text/csv;charset=utf-8" }));
    save(url, `${fileName}.csv`);
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  return (
    <div className="chart-actions" ref={ref}>
      <button type="button" className="button secondary" onClick={downloadPng}>
        {labels.png}
      </button>
      <button type="button" className="button secondary" onClick={downloadCsv}>
        {labels.csv}
      </button>
    </div>
  );
}

function save(href: string, fileName: string) {
  const link = document.createElement("a");
  link.href = href;
  link.download = fileName;
  link.click();
}
