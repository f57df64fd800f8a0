/**
 * Firefox's stand-in for Chromium's `--host-resolver-rules`: a proxy on loopback that sends
 * the names it is given to 127.0.0.1 (each to its port) and answers every other name with
 * 502, so a test can open `http://club.example/…` or `https://www.youtube.com/…` offline and
 * no test traffic leaves the machine. Firefox is pointed at it by prefs (`proxyPrefs`); a
 * proxied name is never looked up in DNS (Firefox hands it to the proxy as it is).
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface HostProxy {
  port: number;
  close(): Promise<void>;
}

/** `hosts`: a name → the loopback port it is served on. */
export async function startHostProxy(hosts: Record<string, number>): Promise<HostProxy> {
  const portOf = (name: string) => hosts[name.toLowerCase()];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // A plain-http request through a proxy names the whole address: `GET http://club.example/x`.
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('host-proxy: not a proxy request');
      return;
    }
    const port = portOf(target.hostname);
    if (port === undefined) {
      res.writeHead(502).end(`host-proxy: ${target.hostname} is not one of the test's names`);
      return;
    }
    const upstream = request({ host: '127.0.0.1', port, method: req.method, path: `${target.pathname}${target.search}`, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  // HTTPS: a tunnel to the name's port (the fixture server speaks TLS there itself).
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [name = '', wanted = '443'] = (req.url ?? '').split(':');
    const port = portOf(name);
    if (port === undefined || wanted !== '443') {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [upstream, client]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        upstream.destroy();
        client.destroy();
      });
    }
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

/** Firefox's prefs for every http and https address to go through the proxy (loopback stays direct). */
export function proxyPrefs(port: number): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
  };
}
