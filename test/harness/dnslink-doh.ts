import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A DNS-over-HTTPS server on loopback (RFC 8484 wire format, POST or GET ?dns=) that answers every
 * TXT question for `_dnslink.<name>` with `dnslink=<target>`, whatever the name: given to Kubo as its
 * resolver, DNSLink names resolve without any query leaving the machine. `asked` holds each name
 * looked up, as Kubo wrote it.
 */
export async function startDnslinkDoh(
  target: string,
): Promise<{ url: string; asked: string[]; stop(): Promise<void> }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    void queryOf(req).then((query) => {
      const { name, end } = questionName(query);
      asked.push(name);
      const isTxt = query.readUInt16BE(end) === 16;
      const record = isTxt && /^_dnslink\./i.test(name) ? txtAnswer(`dnslink=${target}`) : null;
      const header = Buffer.alloc(12);
      query.copy(header, 0, 0, 2);
      header.writeUInt16BE(0x8180, 2); // a response, recursion desired and available, no error
      header.writeUInt16BE(1, 4);
      header.writeUInt16BE(record ? 1 : 0, 6);
      const question = query.subarray(12, end + 4);
      res.writeHead(200, { 'content-type': 'application/dns-message' });
      res.end(Buffer.concat([header, question, ...(record ? [record] : [])]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/dns-query`,
    asked,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function queryOf(req: IncomingMessage): Promise<Buffer> {
  const dns = new URL(req.url ?? '/', 'http://doh').searchParams.get('dns');
  if (dns) return Buffer.from(dns, 'base64url');
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The question's name (labels after the 12-byte header) and where its type starts. */
function questionName(query: Buffer): { name: string; end: number } {
  const labels: string[] = [];
  let at = 12;
  for (let length = query[at] ?? 0; length > 0; length = query[at] ?? 0) {
    labels.push(query.subarray(at + 1, at + 1 + length).toString('latin1'));
    at += 1 + length;
  }
  return { name: labels.join('.'), end: at + 1 };
}

/** One TXT record for the question's name (a pointer to offset 12), one minute long. */
function txtAnswer(text: string): Buffer {
  const data = Buffer.from(text);
  const answer = Buffer.alloc(12);
  answer.writeUInt16BE(0xc00c, 0);
  answer.writeUInt16BE(16, 2); // TXT
  answer.writeUInt16BE(1, 4); // IN
  answer.writeUInt32BE(60, 6);
  answer.writeUInt16BE(data.length + 1, 10);
  return Buffer.concat([answer, Buffer.of(data.length), data]);
}
