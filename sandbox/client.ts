import { request as httpsRequest } from 'node:https';

/**
 * fetch() for real Upwork URLs, answered by a local sandbox: the request goes to 127.0.0.1:PORT
 * with the original Host header and TLS server name, and the self-signed certificate is accepted.
 * Returns a standard Response, so it can stand in for fetch (e.g. graphql-request's `fetch` option).
 */
export async function sandboxFetch(sandbox: { port: number }, input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const target = new URL(request.url);
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers.host = target.host;
  if (body) headers['content-length'] = String(body.length);

  return new Promise<Response>((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: sandbox.port,
        servername: target.hostname,
        method: request.method,
        path: `${target.pathname}${target.search}`,
        headers,
        rejectUnauthorized: false,
        signal: request.signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) for (const v of value) responseHeaders.append(name, v);
            else if (value !== undefined) responseHeaders.set(name, value);
          }
          const status = res.statusCode ?? 500;
          const nullBody = status === 204 || status === 205 || status === 304 || request.method === 'HEAD';
          const response = new Response(nullBody ? null : Buffer.concat(chunks), {
            status,
            statusText: res.statusMessage ?? '',
            headers: responseHeaders,
          });
          // Response.url is read-only and empty for constructed responses; callers that log it get the real address.
          Object.defineProperty(response, 'url', { value: target.href });
          resolve(response);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A fetch-compatible function bound to one sandbox. */
export function sandboxFetcher(sandbox: { port: number }): typeof fetch {
  return ((input: string | URL | Request, init?: RequestInit) => sandboxFetch(sandbox, input, init)) as typeof fetch;
}
