"use client";

import { useLayoutEffect, useRef } from "react";

/**
 * The box a chart draws in. A height other than the stylesheet's (.chart) is set through the
 * CSSOM once the page runs, not as a style attribute in the HTML, which the pages'
 * Content-Security-Policy refuses (docs/decisions/0016). The chart itself is drawn only
 * then too, and chart.js sizes it to the box.
 */
export function ChartBox({ height, label, describedBy, children }: { height?: string; label: string; describedBy: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (height && ref.current) ref.current.style.height = height;
  }, [height]);
  return (
    <div ref={ref} className="chart" role="img" aria-label={label} aria-describedby={describedBy}>
      {children}
    </div>
  );
}
