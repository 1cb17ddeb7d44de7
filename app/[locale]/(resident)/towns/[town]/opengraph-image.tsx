import { ImageResponse } from "next/og";
import { loadTownPage } from "@/server/results/town-page";

export const size = { width: 1200, height: 630 };
export const contentType = "image/png";
export const alt = "Qala Pulse";

/**
 * The picture a shared link to a town's page previews with: the town's name. In Latin
 * letters (the English name), which the image renderer's built-in font draws in full.
 */
export default async function TownImage({ params }: { params: Promise<{ locale: string; town: string }> }) {
  const { town: townCode } = await params;
  const page = await loadTownPage({ townCode });
  const name = page?.town.name.en ?? "Qala Pulse";
  return new ImageResponse(
    (
      <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", justifyContent: "center", padding: 80, background: "#0b6e4f", color: "#ffffff" }}>
        <div style={{ fontSize: 44, opacity: 0.85 }}>Qala Pulse</div>
        <div style={{ fontSize: 110, fontWeight: 700, lineHeight: 1.1 }}>{name}</div>
      </div>
    ),
    size,
  );
}
