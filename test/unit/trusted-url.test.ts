import { describe, expect, it } from 'vitest';
import { parseExternalUrl } from '../../electron/services/external-url';
import { APP_ORIGIN, appUrlToFile, isTrustedRendererUrl, isTrustedSender } from '../../electron/shell/trusted-url';

describe('isTrustedRendererUrl', () => {
  const trusted = [APP_ORIGIN, 'http://localhost:5173'];
  it.each([
    ['app://cairn/index.html', true],
    ['app://cairn/', true],
    ['http://localhost:5173/src/main.tsx', true],
    ['app://evil/index.html', false],
    ['http://localhost:5174/', false],
    ['https://cairn/', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
    // Previews are IPFS content served on the app's origin, not the app.
    ['app://cairn/__cairn/preview/bafkqaaa/page.html', false],
    ['app://cairn/x/../__cairn/preview/bafkqaaa/page.html', false],
    ['http://localhost:5173/__cairn/preview/bafkqaaa/a.svg?token=t', false],
    ['app://cairn/__cairn/previewer.html', true],
  ])('%s -> %s', (url, expected) => {
    expect(isTrustedRendererUrl(url, trusted)).toBe(expected);
  });
});

describe('appUrlToFile', () => {
  it.each([
    ['app://cairn/', '/r/index.html'],
    ['app://cairn/index.html', '/r/index.html'],
    ['app://cairn/assets/index-1.js?v=1', '/r/assets/index-1.js'],
    ['app://cairn/a%20b.css', '/r/a b.css'],
  ])('%s serves %s', (url, file) => {
    expect(appUrlToFile(url, '/r', '/')).toBe(file);
  });

  it.each([
    'app://cairn/..%2f..%2fetc%2fpasswd',
    'app://cairn/a%5c..%5csecret',
    'app://other/index.html',
    'app://cairn/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(appUrlToFile(url, '/r', '/')).toBeNull();
  });
});

describe('parseExternalUrl', () => {
  it('accepts http and https only, without credentials', () => {
    expect(parseExternalUrl('https://docs.ipfs.tech/')?.href).toBe('https://docs.ipfs.tech/');
    expect(parseExternalUrl('http://127.0.0.1:8080/ipfs/bafy')).not.toBeNull();
    // A subdomain gateway's label for the DNSLink name xn--bcher-kva.example: browsers open it, Node's URL refuses it.
    expect(parseExternalUrl('http://xn----bcher--kva-example.ipns.localhost:8080/a%20b?x=1')?.href).toBe(
      'http://xn----bcher--kva-example.ipns.localhost:8080/a%20b?x=1',
    );
    for (const refused of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ipfs://bafy',
      'https://user:pw@example.com/',
      'nope',
    ]) {
      expect(parseExternalUrl(refused)).toBeNull();
    }
  });
});

describe('isTrustedSender', () => {
  const trusted = [APP_ORIGIN];
  const page = { url: 'app://cairn/index.html' };
  const sender = { mainFrame: page };
  it('accepts only the app’s own top-level page', () => {
    expect(isTrustedSender({ senderFrame: page, sender }, trusted)).toBe(true);
    // A frame in the page, even on the app's origin; a frame already gone; a preview as the page.
    expect(isTrustedSender({ senderFrame: { url: page.url }, sender }, trusted)).toBe(false);
    expect(isTrustedSender({ senderFrame: null, sender }, trusted)).toBe(false);
    const preview = { url: 'app://cairn/__cairn/preview/bafkqaaa/a.html' };
    expect(isTrustedSender({ senderFrame: preview, sender: { mainFrame: preview } }, trusted)).toBe(false);
    const web = { url: 'https://example.com/' };
    expect(isTrustedSender({ senderFrame: web, sender: { mainFrame: web } }, trusted)).toBe(false);
  });
});
