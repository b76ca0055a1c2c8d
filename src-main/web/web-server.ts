import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Router } from '../router/router';
import { MAX_WEB_MESSAGE_BYTES, webRequest } from './web-protocol';

/** How web mode listens. */
export interface WebServerOptions {
  readonly router: Router;
  readonly port?: number;
  /** Serves the built renderer (static files); without it the page says how to build it. */
  readonly serveStatic?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

/**
 * Web mode: the renderer and the contract on 127.0.0.1, guarded by a random one-time token in the
 * URL (as Jupyter does), so another local user or a web page cannot drive it.
 */
export class WebServer {
  readonly token = randomBytes(24).toString('base64url');
  private readonly http: http.Server;
  private readonly sockets: WebSocketServer;

  constructor(private readonly options: WebServerOptions) {
    this.http = http.createServer((req, res) => this.page(req, res));
    this.sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_WEB_MESSAGE_BYTES });
    this.http.on('upgrade', (req, socket, head) => {
      if (
        !this.authorised(req.url) ||
        new URL(req.url ?? '/', 'http://x').pathname !== '/contract'
      ) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.sockets.handleUpgrade(req, socket, head, (ws) => this.serve(ws));
    });
  }

  /** Listens on 127.0.0.1; resolves to the URL to open, token included. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = this.http.address() as AddressInfo;
    return `http://127.0.0.1:${port}/?token=${this.token}`;
  }

  /** Closes every connection and the server. */
  async close(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    this.sockets.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private page(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!this.authorised(req.url)) {
      res
        .writeHead(401, { 'Content-Type': 'text/plain' })
        .end('Open the URL printed by `lambda-workbench web`, token included.');
      return;
    }
    if (this.options.serveStatic) return this.options.serveStatic(req, res);
    res
      .writeHead(503, { 'Content-Type': 'text/plain' })
      .end('The renderer is not built yet: run `npm run build`.');
  }

  private serve(ws: WebSocket): void {
    ws.on('message', (data) => {
      let parsed;
      try {
        parsed = webRequest.parse(JSON.parse(data.toString()));
      } catch {
        ws.send(
          JSON.stringify({
            id: null,
            result: {
              ok: false,
              error: { code: 'InvalidMessage', message: 'Expected { id, channel, payload }.' },
            },
          }),
        );
        return;
      }
      const { id, channel, payload } = parsed;
      void this.options.router.handle(channel, payload).then((result) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
      });
    });
  }

  private authorised(url: string | undefined): boolean {
    const given = Buffer.from(new URL(url ?? '/', 'http://x').searchParams.get('token') ?? '');
    const expected = Buffer.from(this.token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
