// The production server (`npm start`, after `npm run build`): Next.js's request handler
// behind a plain Node.js HTTP server that decides the client's address itself. A route
// handler cannot see the socket, and `next start` passes on the X-Forwarded-For a client
// writes; here every client-sent address header is replaced, before Next.js sees the
// request, by the address derived from the socket and TRUSTED_PROXY_HOPS (the proxies in
// front that append to X-Forwarded-For), in a header of the app's own (docs/deployment.md).
// Usage: node scripts/serve.mjs [-p port] [-H hostname]   (or PORT, HOSTNAME; default 3000, all interfaces)
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CLIENT_ADDRESS_HEADER, addressGroup, deriveClientAddress } from "../lib/abuse/client-address.mjs";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME ?? undefined;
const hopsText = process.env.TRUSTED_PROXY_HOPS?.trim() || "0";
const trustedHops = Number(hopsText);
if (!Number.isInteger(port) || port < 0 || port > 65_535 || !/^\d+$/.test(hopsText) || trustedHops > 10) {
  console.error("Usage: node scripts/serve.mjs [-p port] [-H hostname]; TRUSTED_PROXY_HOPS is a whole number from 0 to 10.");
  process.exit(2);
}

// Before Next.js loads the app: the app trusts the address header only when this is set.
process.env.QALA_SERVE_WRAPPER = "1";
process.env.NODE_ENV ??= "production";
const { default: next } = await import("next");
const app = next({ dev: false, dir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const clientSentAddressHeaders = ["x-forwarded-for", "x-real-ip", "forwarded", CLIENT_ADDRESS_HEADER];

// With no trusted proxy configured, a request that comes from a private address with an
// X-Forwarded-For is most likely a proxy's: every client would be counted as that one
// address. Said once, to whoever starts the server.
let warnedProxy = false;
const privateAddress = /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|::1$|f[cd][0-9a-f]{2}:)/;
function warnIfProxied(request) {
  if (warnedProxy || trustedHops > 0 || !request.headers["x-forwarded-for"]) return;
  const socket = request.socket.remoteAddress ?? "";
  if (!privateAddress.test(socket) && !privateAddress.test(addressGroup(socket))) return;
  warnedProxy = true;
  console.warn("A request came through a proxy on a private address, and TRUSTED_PROXY_HOPS is 0: all its clients count as one address (docs/deployment.md).");
}

const server = http.createServer((request, response) => {
  warnIfProxied(request);
  const address = deriveClientAddress({
    socketAddress: request.socket.remoteAddress,
    forwardedFor: request.headers["x-forwarded-for"],
    trustedHops,
  });
  for (const name of clientSentAddressHeaders) delete request.headers[name];
  request.headers["x-forwarded-for"] = address;
  request.headers[CLIENT_ADDRESS_HEADER] = addressGroup(address);
  handle(request, response);
});
server.listen(port, hostname, () => {
  console.log(`Qala Pulse on http://${hostname ?? "localhost"}:${port} (trusted proxy hops: ${trustedHops})`);
});

function stop() {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
