import { Upload } from 'lucide-react';

/** An empty folder says how things get in; the whole window takes drops, so this is a target too. */
export function FolderEmpty() {
  return (
    <div className="empty-state folder-empty">
      <Upload className="icon empty-icon" aria-hidden />
      <p>
        <strong>This folder is empty.</strong>
      </p>
      <p>Three ways to add content here:</p>
      <ul>
        <li>drop files or folders anywhere on this window;</li>
        <li>
          <strong>Add files</strong> or <strong>Add folder</strong> above, to pick them from your computer;
        </li>
        <li>
          <strong>Import by CID</strong>, for content that is already on IPFS.
        </li>
      </ul>
    </div>
  );
}
