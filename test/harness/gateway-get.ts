import { request } from 'node:http';
import { parseWebUrl } from '../../shared/links/web-url';

/** GET through the gateway on 127.0.0.1 with the link's own Host, as a browser resolving *.localhost would. */
export function gatewayGet(
  link: string,
  gatewayPort: string,
): Promise<{ status: number; body: Buffer; location?: string }> {
  // Node's URL refuses a subdomain-gateway label such as xn----bcher--kva-example, which browsers take.
  const url = parseWebUrl(link);
  if (!url) throw new Error(`${link} is not a web URL`);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: gatewayPort, path: url.pathname + url.search, headers: { Host: url.host } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), location: res.headers.location }),
        );
      },
    );
    req.on('error', reject).end();
  });
}
