/**
 * A minimal HTTP proxy for the real-tool tests: `CONNECT host:port` tunnels (what Docker, buildah and curl use for
 * https through `HTTPS_PROXY`) and plain `GET http://...` forwarding. Like a corporate proxy outside the job's network,
 * it cannot reach the CI service aliases: a CONNECT to a denied name or address gets `502`, so a job whose NO_PROXY
 * misses `docker` fails as it would on GitLab. Every request is logged as one line (`CONNECT host:port 200`).
 */
import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';

/** Starts the proxy on `host:port`; `deny` are host names or IP addresses it refuses to reach. */
export function startConnectProxy(host: string, port: number, deny: readonly string[], log = console.log): Server {
  const denied = new Set(deny.map((d) => d.toLowerCase()));
  const server = createServer((req, res) => {
    // Plain http forwarding (absolute URI in the request line).
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (denied.has(target.hostname.toLowerCase())) {
      log(`${req.method} ${target.host} 502 denied`);
      res.writeHead(502).end();
      return;
    }
    const upstream = request(target, { method: req.method, headers: req.headers }, (up) => {
      log(`${req.method} ${target.host} ${up.statusCode}`);
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    const [name, portText] = (req.url ?? '').split(/:(?=\d+$)/);
    if (!name || denied.has(name.toLowerCase())) {
      log(`CONNECT ${req.url} 502 denied`);
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const upstream = connect(Number(portText ?? 443), name, () => {
      log(`CONNECT ${req.url} 200`);
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => {
      log(`CONNECT ${req.url} 502 unreachable`);
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
    socket.on('error', () => upstream.destroy());
  });
  server.listen(port, host);
  return server;
}
