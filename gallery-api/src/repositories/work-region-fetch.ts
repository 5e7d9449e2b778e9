import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { BlockedUrlError } from './http-fetcher';

export { BlockedUrlError };

/**
 * The only way `GET /works/:id/region` reaches a museum's image server (issue 10, item 5). A work's IIIF service URL
 * comes from a manifest anyone could write, so every request, and every redirect hop, must be:
 * - http or https;
 * - to a host allowed for the work's source (the importer's own image hosts, plus GALLERY_IIIF_HOSTS);
 * - to public addresses only: the check runs in the socket's own DNS lookup, so a name that resolves to a public
 *   address when checked and to 127.0.0.1 when connecting (DNS rebinding) is refused too; IP literals are checked
 *   before connecting.
 * A refused URL throws `BlockedUrlError`; the region is then cut from the stored master instead.
 */

export interface ImageHostPolicy {
  /** May a detail of a work of `source` be fetched from `host` (lower case, no port)? */
  allows(source: string, host: string): boolean;
  /**
   * TEST_ALLOW_PRIVATE_IMAGE_HOSTS: loopback and private addresses may be reached (the tests' fixture server runs on
   * 127.0.0.1). Off by default; never set in production.
   */
  allowPrivateAddresses: boolean;
}

/**
 * Hosts per source and the operator's extra ones: `iiif.micr.io` matches itself, `*.example.org` any host under
 * example.org. Everything else is refused.
 */
export function imageHostPolicy(bySource: Record<string, string[]>, extra: string[], allowPrivateAddresses = false): ImageHostPolicy {
  const matches = (patterns: string[], host: string) =>
    patterns.some((p) => {
      const pattern = p.trim().toLowerCase();
      return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : host === pattern;
    });
  return {
    allows: (source, host) => matches(bySource[source] ?? [], host) || matches(extra, host),
    allowPrivateAddresses,
  };
}

/** Addresses no fetch on a visitor's behalf may reach: loopback, private, link-local, shared, reserved, multicast. */
const NOT_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32], ['2002::', 16],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) NOT_PUBLIC.addSubnet(net, prefix, 'ipv6');

/** A public unicast address (an IPv4-mapped IPv6 address is judged as the IPv4 address it maps). */
export function isPublicAddress(address: string): boolean {
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1];
  const ip = mapped ?? address;
  const family = isIP(ip);
  if (family === 0) return false;
  return !NOT_PUBLIC.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** The socket's DNS lookup, refusing any answer with an address that is not public. */
function publicOnlyLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const blocked = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (blocked) return callback(new BlockedUrlError(`${hostname} resolves to ${blocked.address}, which is not a public address`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new BlockedUrlError(`${hostname} has no address`), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

const MAX_REDIRECTS = 3;

/**
 * A `fetch` for HttpFetcher (`fetch` option) that applies the policy to the URL and to every redirect hop, which it
 * follows itself (at most three).
 */
export function guardedFetch(policy: ImageHostPolicy, source: string): typeof fetch {
  const lookup = publicOnlyLookup(policy.allowPrivateAddresses);
  return (async (input: string | URL | Request, init?: RequestInit) => {
    let url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    for (let hop = 0; ; hop++) {
      check(url, policy, source);
      const res = await get(url, init, lookup);
      const location = res.statusCode && res.statusCode >= 300 && res.statusCode < 400 ? res.headers.location : undefined;
      if (!location) return toResponse(res);
      res.destroy();
      if (hop >= MAX_REDIRECTS) throw new BlockedUrlError(`more than ${MAX_REDIRECTS} redirects from ${url.origin}`);
      url = new URL(location, url);
    }
  }) as typeof fetch;
}

function check(url: URL, policy: ImageHostPolicy, source: string): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new BlockedUrlError(`${url.protocol} URLs are not fetched`);
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (!policy.allows(source, host)) throw new BlockedUrlError(`${host} is not an image host allowed for ${source} works`);
  // An IP literal never goes through the lookup: it is judged here.
  if (isIP(host) && !policy.allowPrivateAddresses && !isPublicAddress(host)) throw new BlockedUrlError(`${host} is not a public address`);
}

function get(url: URL, init: RequestInit | undefined, lookup: LookupFunction): Promise<IncomingMessage> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, key) => {
    headers[key] = value;
  });
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'GET',
      headers,
      lookup,
      // A fresh connection per request: a kept-alive socket to another address must never be reused.
      agent: false,
      ...(init?.signal ? { signal: init.signal } : {}),
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end();
  });
}

function toResponse(res: IncomingMessage): Response {
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined) continue;
    for (const value of Array.isArray(v) ? v : [v]) headers.append(k, value);
  }
  const status = res.statusCode ?? 502;
  const empty = [204, 205, 304].includes(status);
  if (empty) res.resume();
  return new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, headers });
}
