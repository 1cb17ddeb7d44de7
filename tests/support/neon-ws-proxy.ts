import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { WebSocketServer } from "ws";

/**
 * Vercel's Postgres driver (@vercel/postgres, a wrapper of @neondatabase/serverless)
 * speaks the Postgres protocol over a WebSocket to Neon's proxy. This is that proxy in a
 * few lines, forwarding to the local Postgres server only, so the whole integration tier
 * can run through the real Vercel driver on this machine.
 */
export async function startNeonProxy(target: { host: string; port: number }) {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  server.on("connection", (socket) => {
    const upstream = net.connect(target.port, target.host);
    upstream.on("data", (data) => socket.send(data));
    upstream.on("close", () => socket.close());
    upstream.on("error", () => socket.close());
    socket.on("message", (data) => upstream.write(data as Buffer));
    socket.on("close", () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;

  // The driver's settings are module-wide; point it at this proxy, in plain text.
  const neonEntry = path.join(process.cwd(), "node_modules/@vercel/postgres/node_modules/@neondatabase/serverless/index.mjs");
  const { neonConfig } = (await import(/* @vite-ignore */ pathToFileURL(neonEntry).href)) as {
    neonConfig: Record<string, unknown>;
  };
  neonConfig.wsProxy = () => `127.0.0.1:${port}/v2`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;

  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
