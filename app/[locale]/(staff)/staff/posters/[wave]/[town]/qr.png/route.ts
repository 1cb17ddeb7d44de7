import { rolesFor } from "@/lib/auth/permissions";
import { qrPng } from "@/lib/poster/qr";
import { staffOrResponse } from "@/server/auth/session";
import { loadPoster, publicBaseUrl } from "@/server/posters/poster";

export const dynamic = "force-dynamic";

/** The poster's QR code as a PNG, for a print shop: the same short link as the page's, with the same access rule. */
export async function GET(request: Request, { params }: RouteContext<"/[locale]/staff/posters/[wave]/[town]/qr.png">) {
  const { wave, town } = await params;
  const user = await staffOrResponse(request, rolesFor("posters.print"));
  if (user instanceof Response) return user;
  const poster = await loadPoster({ user, waveSlug: wave, townCode: town, base: await publicBaseUrl(request.headers) });
  if (poster.status === "forbidden") return Response.json({ error: "forbidden", message: "This town is not one of yours." }, { status: 403 });
  if (poster.status === "notFound") return Response.json({ error: "not found", message: "No such wave in this town." }, { status: 404 });
  const png = await qrPng(poster.shortLink);
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="qala-pulse-${poster.town.code}-${poster.wave.slug}.png"`,
      "Cache-Control": "private, no-store",
    },
  });
}
