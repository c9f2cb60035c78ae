import { useRef, type KeyboardEvent, type ReactElement } from 'react';
import { ContextMenu, DropdownMenu } from 'radix-ui';
import { MoreHorizontal, type LucideIcon } from 'lucide-react';

export type MenuEntry =
  { label: string; icon?: LucideIcon; onSelect: () => void; danger?: boolean; disabled?: boolean } | 'separator';

/**
 * The element that had the focus as a menu opened, given the focus back before a chosen entry runs.
 * A dialog an entry opens records what has the focus as its opener; left in the menu, that was the
 * entry itself, gone once the menu closed, and closing the dialog dropped the focus on the page's body.
 */
function useOrigin() {
  const origin = useRef<HTMLElement | null>(null);
  return {
    record: (open: boolean) => {
      if (open) origin.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    restore: () => {
      if (origin.current?.isConnected) origin.current.focus();
    },
  };
}

/** The same entries drawn by either primitive: a dropdown's items or a context menu's. */
function Entries({
  entries,
  kit,
  beforeSelect,
}: {
  entries: readonly MenuEntry[];
  kit: typeof DropdownMenu | typeof ContextMenu;
  beforeSelect: () => void;
}) {
  return entries.map((entry, index) =>
    entry === 'separator' ? (
      <kit.Separator key={`separator-${index}`} className="menu-separator" />
    ) : (
      <kit.Item
        key={entry.label}
        className={entry.danger ? 'menu-item menu-danger' : 'menu-item'}
        disabled={entry.disabled}
        onSelect={() => {
          beforeSelect();
          entry.onSelect();
        }}
      >
        {entry.icon && <entry.icon className="icon" aria-hidden />}
        {entry.label}
      </kit.Item>
    ),
  );
}

/**
 * A "…" button that opens a menu; `label` names the button (e.g. "Actions for notes.txt"). A chosen
 * entry gets the focus back on the button, or on `returnTo` (a list whose entry may go, by a rename
 * or a delete, with its button).
 */
export function ActionMenu({
  label,
  entries,
  returnTo,
  tabStop = true,
}: {
  label: string;
  entries: readonly MenuEntry[];
  returnTo?: () => HTMLElement | null;
  /** False in a row of a grid, one Tab stop whose keys open the row's menu: the button is for the pointer. */
  tabStop?: boolean;
}) {
  const origin = useOrigin();
  return (
    <DropdownMenu.Root modal={false} onOpenChange={origin.record}>
      <DropdownMenu.Trigger asChild>
        <button type="button" data-variant="icon" aria-label={label} title={label} tabIndex={tabStop ? undefined : -1}>
          <MoreHorizontal className="icon" aria-hidden />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" collisionPadding={8} aria-label={label}>
          <Entries
            entries={entries}
            kit={DropdownMenu}
            beforeSelect={() => {
              const list = returnTo?.();
              if (list) list.focus();
              else origin.restore();
            }}
          />
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}

/** Whether a key is the keyboard's way to a context menu: the ContextMenu key, or Shift+F10. */
export function isContextMenuKey(event: KeyboardEvent): boolean {
  return event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey);
}

/**
 * Opens the menu of the ContextMenuArea around `element`, placed under `at` (the row), by the event a
 * right-click sends: for a grid whose rows are never focused (one focus stop, an active row), the
 * context-menu key reaches the grid, not the row, and no menu opened.
 */
export function openContextMenuAt(element: Element, at: Element = element): void {
  const box = at.getBoundingClientRect();
  const x = box.left + Math.min(box.width / 4, 48);
  element.dispatchEvent(
    new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: x, clientY: box.bottom }),
  );
}

/**
 * Right-click on `children` (or `openContextMenuAt` it) opens the entries; so do Shift+F10 and the
 * ContextMenu key on anything focused inside it (a button of a list's row), the menu placed at the row.
 */
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
  const origin = useOrigin();
  return (
    <ContextMenu.Root
      modal={false}
      onOpenChange={(open) => {
        origin.record(open);
        if (open) onOpen?.();
      }}
    >
      <ContextMenu.Trigger
        asChild
        onKeyDown={(event) => {
          // Keys from a portal the row holds (its "…" menu, a dialog) reach it through React: they are theirs.
          if (!isContextMenuKey(event) || !(event.target instanceof Element)) return;
          if (!event.currentTarget.contains(event.target)) return;
          event.preventDefault();
          openContextMenuAt(event.target, event.currentTarget);
        }}
      >
        {children}
      </ContextMenu.Trigger>
      <ContextMenu.Portal>
        <ContextMenu.Content className="menu" collisionPadding={8} aria-label={label}>
          <Entries entries={entries} kit={ContextMenu} beforeSelect={origin.restore} />
        </ContextMenu.Content>
      </ContextMenu.Portal>
    </ContextMenu.Root>
  );
}
