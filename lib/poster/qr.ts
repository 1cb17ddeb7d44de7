import QRCode from "qrcode";

/*
 * QR codes made here, on the server, with no outside service: the module grid as an SVG
 * path for the page (no style attribute, so the page's CSP holds), and a PNG for print shops.
 * Level Q restores a quarter of the code: a poster at a bus stop gets torn and dirty.
 */
const ERROR_CORRECTION = "Q" as const;
/** The blank border a reader needs around the code, in modules (the standard's minimum). */
export const QUIET_ZONE = 4;

export interface QrGrid {
  /** Modules per side, without the quiet zone. */
  size: number;
  dark: (x: number, y: number) => boolean;
}

export function qrGrid(text: string): QrGrid {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: ERROR_CORRECTION });
  return { size: modules.size, dark: (x, y) => Boolean(modules.get(y, x)) };
}

/** One path of unit squares, row by row, runs of dark modules joined; offset by the quiet zone. */
export function qrSvgPath(grid: QrGrid): string {
  const parts: string[] = [];
  for (let y = 0; y < grid.size; y += 1) {
    let x = 0;
    while (x < grid.size) {
      if (!grid.dark(x, y)) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < grid.size && grid.dark(x, y)) x += 1;
      parts.push(`M${start + QUIET_ZONE} ${y + QUIET_ZONE}h${x - start}v1h${start - x}z`);
    }
  }
  return parts.join("");
}

/** The side of the SVG's view box: the code and its quiet zone. */
export const qrViewBoxSide = (grid: QrGrid) => grid.size + 2 * QUIET_ZONE;

/** A black-on-white PNG large enough for an A4 print at 300 dpi (about 12 px a module). */
export function qrPng(text: string, { scale = 12 }: { scale?: number } = {}): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: ERROR_CORRECTION, margin: QUIET_ZONE, scale, color: { dark: "#000000", light: "#ffffff" } });
}
