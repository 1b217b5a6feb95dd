import { request } from 'node:http';

export interface Reply {
  status: number;
  location: string;
  body: string;
}

/**
 * A browser over real HTTP: keeps its cookies, sends from its own loopback address (127.0.0.x, so each
 * simulated client has an IP of its own) and talks to whichever portal instance a request names.
 */
export class HttpBrowser {
  private cookies = new Map<string, string>();
  private csrfToken = '';
  constructor(readonly ip: string) {}

  send(origin: string, method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<Reply> {
    const payload = form ? new URLSearchParams({ _csrf: this.csrfToken, ...form }).toString() : undefined;
    const url = new URL(path, origin);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method,
          localAddress: this.ip,
          headers: {
            cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            ...(payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          },
        },
        (res) => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [name, ...rest] = (line.split(';')[0] ?? '').split('=');
            if (name) this.cookies.set(name, rest.join('='));
          }
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? '', body }),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Opens the login form (a session and its CSRF token) on `origin`. */
  async open(origin: string): Promise<void> {
    const page = await this.send(origin, 'GET', '/login');
    this.csrfToken = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
    if (!this.csrfToken) throw new Error(`no CSRF token from ${origin}/login (${page.status})`);
  }

  /** Posts a form of the current session (the CSRF token stays the session's). */
  post(origin: string, path: string, form: Record<string, string>): Promise<Reply> {
    return this.send(origin, 'POST', path, form);
  }

  /** After a stage change the session is new: read its CSRF token again. */
  async refresh(origin: string, path: string): Promise<void> {
    const page = await this.send(origin, 'GET', path);
    this.csrfToken = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? this.csrfToken;
  }
}
