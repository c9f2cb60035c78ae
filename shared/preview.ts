/** Where main serves a preview of a CID's bytes: app://cairn in Electron, the bridge's origin in a browser. */
export const PREVIEW_PREFIX = '/__cairn/preview/';

/** Text previews stop here: enough to read, never a whole log file in the DOM. */
export const TEXT_PREVIEW_BYTES = 256 * 1024;

export type PreviewKind = 'text' | 'image' | 'audio' | 'video' | 'pdf';

const kinds: Record<string, [PreviewKind, string]> = {};
const add = (kind: PreviewKind, type: string, extensions: string[]) => {
  for (const extension of extensions) kinds[extension] = [kind, type];
};
add('image', 'image/png', ['png']);
add('image', 'image/jpeg', ['jpg', 'jpeg']);
add('image', 'image/gif', ['gif']);
add('image', 'image/webp', ['webp']);
add('image', 'image/avif', ['avif']);
add('image', 'image/bmp', ['bmp']);
add('image', 'image/svg+xml', ['svg']);
add('audio', 'audio/mpeg', ['mp3']);
add('audio', 'audio/ogg', ['ogg', 'oga', 'opus']);
add('audio', 'audio/wav', ['wav']);
add('audio', 'audio/flac', ['flac']);
add('audio', 'audio/mp4', ['m4a']);
add('video', 'video/mp4', ['mp4', 'm4v']);
add('video', 'video/webm', ['webm']);
add('video', 'video/ogg', ['ogv']);
add('pdf', 'application/pdf', ['pdf']);
// Markup and code are shown as their text, never run.
const textExtensions =
  'txt md markdown csv tsv json jsonl ndjson log xml html htm css js mjs ts tsx jsx yaml yml toml ini conf cfg sh py rs go c h cpp java rb sol'.split(
    ' ',
  );
add('text', 'text/plain; charset=utf-8', textExtensions);

/** The preview kind and content type a name suggests, or null when its extension says nothing. */
export function previewKindOf(name: string): { kind: PreviewKind; type: string } | null {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const found = kinds[name.slice(dot + 1).toLowerCase()];
  return found ? { kind: found[0], type: found[1] } : null;
}

export function previewPath(cid: string, name: string): string {
  return `${PREVIEW_PREFIX}${encodeURIComponent(cid)}?name=${encodeURIComponent(name)}`;
}
