import jsQR from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { QUIET_ZONE, qrGrid, qrPng, qrSvgPath, qrViewBoxSide } from "@/lib/poster/qr";
import { parseShortCode, printedAddress, shortCode, shortLinkUrl, surveyPath, whatsappUrl } from "@/lib/poster/short-link";

/** Decodes RGBA pixels with a real QR reader, as a phone's camera app would. */
function decode(data: Uint8ClampedArray, width: number, height: number): string | undefined {
  return jsQR(data, width, height)?.data;
}

/**
 * Paints the SVG path the poster page draws (runs of "M x y h w v1 h-w z") onto a bitmap,
 * a pixel block per module, white elsewhere: the page's QR code as a camera would see it.
 */
function rasterise(path: string, side: number, scale = 6): { data: Uint8ClampedArray; width: number } {
  const width = side * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let px = Number(x) * scale; px < (Number(x) + Number(w)) * scale; px += 1) {
      for (let py = Number(y) * scale; py < (Number(y) + 1) * scale; py += 1) {
        const at = (py * width + px) * 4;
        data[at] = data[at + 1] = data[at + 2] = 0;
      }
    }
  }
  return { data, width };
}

describe("poster short links", () => {
  it("names the town and the wave, and reads back into them, forgiving capitals and spaces", () => {
    expect(shortCode("ridder", 3)).toBe("ridder-3");
    expect(parseShortCode("ridder-3")).toEqual({ townCode: "ridder", waveId: 3 });
    expect(parseShortCode(" Ridder-12 ")).toEqual({ townCode: "ridder", waveId: 12 });
    expect(parseShortCode("ust-kamenogorsk-7")).toEqual({ townCode: "ust-kamenogorsk", waveId: 7 });
  });

  it("refuses codes that name no wave", () => {
    for (const code of ["ridder", "ridder-", "ridder-0", "-3", "ridder-3x", "ridder--3", "../ridder-3", "ridder-99999999999"]) {
      expect(parseShortCode(code), code).toBeNull();
    }
  });

  it("prints the link without its scheme and leads to the survey with the town chosen", () => {
    const link = shortLinkUrl("https://pulse.example.kz/", "ridder-3");
    expect(link).toBe("https://pulse.example.kz/s/ridder-3");
    expect(printedAddress(link)).toBe("pulse.example.kz/s/ridder-3");
    expect(surveyPath("kk", "demo-2026", "ridder")).toBe("/kk/survey/demo-2026?town=ridder");
  });

  it("fills a WhatsApp message with the text and the link", () => {
    const url = new URL(whatsappUrl("Қатысыңыз: 10 минут & анонимді", "https://pulse.example.kz/s/ridder-3"));
    expect(url.origin + url.pathname).toBe("https://wa.me/");
    expect(url.searchParams.get("text")).toBe("Қатысыңыз: 10 минут & анонимді https://pulse.example.kz/s/ridder-3");
  });
});

describe("poster QR codes", () => {
  const link = "https://pulse.example.kz/s/ridder-3";

  it("the PNG for print shops decodes to the short link", async () => {
    const png = PNG.sync.read(await qrPng(link));
    expect(png.width).toBeGreaterThanOrEqual(300);
    expect(decode(new Uint8ClampedArray(png.data), png.width, png.height)).toBe(link);
  });

  it("the page's SVG path decodes to the short link once painted", () => {
    const grid = qrGrid(link);
    const side = qrViewBoxSide(grid);
    expect(side).toBe(grid.size + 2 * QUIET_ZONE);
    const { data, width } = rasterise(qrSvgPath(grid), side);
    expect(decode(data, width, width)).toBe(link);
  });

  it("another town's code decodes to its own link, not this one", () => {
    const other = "https://pulse.example.kz/s/altai-3";
    const grid = qrGrid(other);
    const { data, width } = rasterise(qrSvgPath(grid), qrViewBoxSide(grid));
    expect(decode(data, width, width)).toBe(other);
  });
});
