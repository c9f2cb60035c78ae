/** The ipfs:// or ipns:// link the OS handed the app in its command line, if any (Windows and Linux). */
export function linkFromArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => /^(ipfs|ipns):\/\/[^\s]+$/i.test(arg)) ?? null;
}
