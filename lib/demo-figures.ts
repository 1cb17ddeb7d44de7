/**
 * The source citation every made-up official figure of the demo carries, in kk, ru and en:
 * a demo figure is labelled wherever its citation shows, and pages that show figures mark
 * it with the demo badge (isDemoFigure), so it never mixes silently with sourced figures.
 */
export const DEMO_FIGURE_CITATION =
  "Demo figure (generated, not official) · Демо-көрсеткіш (жасалған, ресми емес) · Демо-показатель (сгенерирован, не официальный)";

export function isDemoFigure(figure: { sourceCitation: string }): boolean {
  return figure.sourceCitation.startsWith("Demo figure");
}
