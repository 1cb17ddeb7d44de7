/**
 * Registers public/interview-sw.js for this locale's interview page only (its scope), then
 * asks it to keep the page and every file the page loaded, so the next load works with no
 * network. Resolves true once they are kept.
 */
export async function registerOfflineWorker(locale: string): Promise<boolean> {
  if (!("serviceWorker" in navigator)) return false;
  try {
    await navigator.serviceWorker.register("/interview-sw.js", { scope: `/${locale}/interview` });
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (!worker) return false;
    const here = location.origin;
    const loaded = performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .concat(
        Array.from(document.querySelectorAll<HTMLScriptElement>("script[src]"), (script) => script.src),
        Array.from(document.querySelectorAll<HTMLLinkElement>("link[href]"), (link) => link.href),
      )
      .filter((url) => url.startsWith(here) && !new URL(url).pathname.startsWith("/api/"));
    const urls = [location.pathname, ...new Set(loaded)];
    return await new Promise<boolean>((resolve) => {
      const timer = window.setTimeout(() => resolve(false), 30_000);
      navigator.serviceWorker.addEventListener("message", function kept(event: MessageEvent) {
        if ((event.data as { type?: string } | null)?.type !== "kept") return;
        window.clearTimeout(timer);
        navigator.serviceWorker.removeEventListener("message", kept);
        resolve(true);
      });
      worker.postMessage({ type: "keep", urls });
    });
  } catch {
    return false;
  }
}
