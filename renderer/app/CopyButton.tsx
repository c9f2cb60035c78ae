import { useState } from 'react';
import { cairn, messageOf } from './api';
import { useAppStore } from './store';

/** Copies through window.cairn (Electron's clipboard in the app, the browser's in the harness). */
/** `caption` is the visible word, where several copy buttons sit side by side. */
export function CopyButton({ text, label, caption = 'Copy' }: { text: string; label: string; caption?: string }) {
  const [copied, setCopied] = useState(false);
  const notify = useAppStore((state) => state.notify);
  const copy = async () => {
    try {
      await cairn().copyText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch (failure) {
      notify('error', `Could not copy: ${messageOf(failure)}`);
    }
  };
  return (
    <button type="button" aria-label={label} onClick={() => void copy()}>
      {copied ? 'Copied' : caption}
    </button>
  );
}
