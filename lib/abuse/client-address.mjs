// The network address a request is counted under, from what the server itself saw. Plain
// JavaScript with JSDoc types, because scripts/serve.mjs (plain Node.js, no build step) and
// the app both use it; pure, no I/O.

/** The header scripts/serve.mjs puts the derived address in, after removing any client-sent copy. */
export const CLIENT_ADDRESS_HEADER = "x-qala-client-address";

/**
 * The address of the client: with no trusted proxy, the socket's peer, whatever the headers
 * say; behind `trustedHops` proxies that each append the address they received the request
 * from to X-Forwarded-For, the entry the outermost of them appended (the Nth from the
 * right). Entries further left were written by the client and are never read. A request
 * that passed fewer proxies than configured has fewer entries: the leftmost is then the
 * nearest to the client that a trusted proxy wrote.
 *
 * @param {{ socketAddress: string | undefined, forwardedFor: string | string[] | undefined | null, trustedHops: number }} request
 * @returns {string} the address, not yet grouped (see addressGroup)
 */
export function deriveClientAddress({ socketAddress, forwardedFor, trustedHops }) {
  const socket = socketAddress ?? "unknown";
  if (!(trustedHops > 0)) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const entries = header.split(",").map((part) => part.trim()).filter(Boolean);
  if (entries.length === 0) return socket;
  return entries[Math.max(0, entries.length - trustedHops)] ?? socket;
}

/**
 * The group an address is counted in: an IPv4 address itself (also when written as
 * IPv4-mapped IPv6, `::ffff:192.0.2.1`), an IPv6 address by its /64 prefix, which one
 * household or phone usually holds whole, so that it cannot take a fresh address per
 * request. A port, brackets and a zone are dropped. Anything else is kept as written
 * (lower case): it is only ever hashed.
 *
 * @param {string} address
 * @returns {string}
 */
export function addressGroup(address) {
  const bare = stripPort(address.trim()).toLowerCase();
  if (isIPv4(bare)) return bare;
  const hextets = parseIPv6(bare);
  if (!hextets) return bare;
  const mapped = hextets.slice(0, 5).every((h) => h === 0) && hextets[5] === 0xffff;
  if (mapped) return [hextets[6] >> 8, hextets[6] & 255, hextets[7] >> 8, hextets[7] & 255].join(".");
  return `${hextets.slice(0, 4).map((h) => h.toString(16)).join(":")}::/64`;
}

/** @param {string} address */
function stripPort(address) {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return withoutZone(bracketed[1]);
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  if (ipv4WithPort) return ipv4WithPort[1];
  return withoutZone(address);
}

/** @param {string} address */
const withoutZone = (address) => address.replace(/%.*$/, "");

/** @param {string} text */
function isIPv4(text) {
  const parts = text.split(".");
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/**
 * The eight 16-bit groups of an IPv6 address, or null if it is not one.
 * @param {string} text
 * @returns {number[] | null}
 */
function parseIPv6(text) {
  if (!text.includes(":") || !/^[0-9a-f:.]+$/.test(text)) return null;
  let head = text;
  const lastColon = text.lastIndexOf(":");
  const embedded = text.slice(lastColon + 1);
  if (embedded.includes(".")) {
    // A dotted IPv4 tail (::ffff:192.0.2.1) is two 16-bit groups written another way.
    if (!isIPv4(embedded)) return null;
    const [a, b, c, d] = embedded.split(".").map(Number);
    head = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = head.split("::");
  if (halves.length > 2) return null;
  const groups = (/** @type {string} */ part) => (part === "" ? [] : part.split(":"));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if ([...left, ...right].some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return null;
  const known = left.length + right.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  const zeros = new Array(8 - known).fill(0);
  return [...left.map(hex), ...zeros, ...right.map(hex)];
}

/** @param {string} group */
const hex = (group) => parseInt(group, 16);
