import { useState } from 'react';
import { Check, Copy } from 'lucide-react';
import { Button } from '../ui/Button';
import { cairn } from './api';
import { reportFailure } from './failure';

/**
 * Copies through window.cairn (Electron's clipboard in the app, the browser's in the harness). A tick
 * replaces the icon for a moment, so the button keeps its width. `caption` is the visible word, where
 * several copy buttons sit side by side.
 */
export function CopyButton({ text, label, caption = 'Copy' }: { text: string; label: string; caption?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await cairn().copyText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch (failure) {
      reportFailure('Could not copy', failure);
    }
  };
  return (
    <Button
      icon={copied ? Check : Copy}
      aria-label={label}
      title={copied ? 'Copied' : label}
      onClick={() => void copy()}
    >
      {caption}
    </Button>
  );
}
