import { useRef, type ReactNode } from 'react';

interface PickButtonProps {
  /** The button's text. */
  children: ReactNode;
  /** The hidden input's accessible name, by which tests (and assistive tools) find it. */
  inputLabel: string;
  multiple?: boolean;
  /** Pick a folder: its files, each with its `webkitRelativePath`. */
  folder?: boolean;
  accept?: string;
  onPick: (files: File[]) => void;
}

/**
 * A button that opens the system's file or folder picker. The input is emptied after each pick, so
 * choosing the same file again still counts as a pick.
 */
export function PickButton({ children, inputLabel, multiple, folder, accept, onPick }: PickButtonProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {children}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label={inputLabel}
        multiple={multiple}
        accept={accept}
        // Not in React's types, but every Chromium (and so Electron) supports it.
        {...(folder ? { webkitdirectory: '' } : {})}
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = '';
          if (files.length > 0) onPick(files);
        }}
      />
    </>
  );
}
