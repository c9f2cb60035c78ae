import type { ReactElement } from 'react';
import { ContextMenu, DropdownMenu } from 'radix-ui';
import { MoreHorizontal, type LucideIcon } from 'lucide-react';

export type MenuEntry =
  { label: string; icon?: LucideIcon; onSelect: () => void; danger?: boolean; disabled?: boolean } | 'separator';

/** The same entries drawn by either primitive: a dropdown's items or a context menu's. */
function Entries({ entries, kit }: { entries: readonly MenuEntry[]; kit: typeof DropdownMenu | typeof ContextMenu }) {
  return entries.map((entry, index) =>
    entry === 'separator' ? (
      <kit.Separator key={`separator-${index}`} className="menu-separator" />
    ) : (
      <kit.Item
        key={entry.label}
        className={entry.danger ? 'menu-item menu-danger' : 'menu-item'}
        disabled={entry.disabled}
        onSelect={entry.onSelect}
      >
        {entry.icon && <entry.icon className="icon" aria-hidden />}
        {entry.label}
      </kit.Item>
    ),
  );
}

/** A "…" button that opens a menu; `label` names the button (e.g. "Actions for notes.txt"). */
export function ActionMenu({ label, entries }: { label: string; entries: readonly MenuEntry[] }) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <button type="button" data-variant="icon" aria-label={label} title={label}>
          <MoreHorizontal className="icon" aria-hidden />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" collisionPadding={8} aria-label={label}>
          <Entries entries={entries} kit={DropdownMenu} />
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** Right-click (or the context-menu key) on `children` opens the entries. */
export function ContextMenuArea({
  entries,
  label,
  children,
  onOpen,
}: {
  entries: readonly MenuEntry[];
  label: string;
  children: ReactElement;
  onOpen?: () => void;
}) {
  return (
    <ContextMenu.Root modal={false} onOpenChange={(open) => open && onOpen?.()}>
      <ContextMenu.Trigger asChild>{children}</ContextMenu.Trigger>
      <ContextMenu.Portal>
        <ContextMenu.Content className="menu" collisionPadding={8} aria-label={label}>
          <Entries entries={entries} kit={ContextMenu} />
        </ContextMenu.Content>
      </ContextMenu.Portal>
    </ContextMenu.Root>
  );
}
