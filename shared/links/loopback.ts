/** Whether a host name is this machine's own (localhost, *.localhost, 127.x, ::1): a link to it works only here. */
export function isLoopback(host: string): boolean {
  return (
    host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host === '::1' || /^127\./.test(host)
  );
}
