"use client";

import { useRef } from "react";
import type { CsvTable } from "@/lib/csv-cells";

/** The download buttons of a ChartFigure: the chart drawn in its figure, and its table. */
export function ChartDownloads({ fileName, table, labels }: { fileName: string; table: CsvTable; labels: { png: string; csv: string } }) {
  const ref = useRef<HTMLDivElement>(null);

  const downloadPng = () => {
    const canvas = ref.current?.closest("figure")?.querySelector("canvas");
    if (!canvas) return;
    // chart.js draws on a transparent canvas (toBase64Image keeps it so), which many viewers
    // and slide templates show on black: draw it onto white first.
    const copy = document.createElement("canvas");
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext("2d")!;
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, copy.width, copy.height);
    context.drawImage(canvas, 0, 0);
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
