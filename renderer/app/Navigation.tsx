import { FolderOpen, Pin, Server, Settings, Share2, ShieldCheck, Signature, type LucideIcon } from 'lucide-react';
import { useAppStore } from './store';
import { views, type View } from './ui-slice';

const entries: Record<View, { label: string; icon: LucideIcon }> = {
  files: { label: 'Files', icon: FolderOpen },
  pins: { label: 'Pins', icon: Pin },
  share: { label: 'Share', icon: Share2 },
  names: { label: 'Names', icon: Signature },
  verify: { label: 'Verify', icon: ShieldCheck },
  node: { label: 'Node', icon: Server },
  settings: { label: 'Settings', icon: Settings },
};

/** The views; on a narrow window only the icons show, and each keeps its name for tooltips and readers. */
export function Navigation() {
  const current = useAppStore((state) => state.view);
  const showView = useAppStore((state) => state.showView);
  return (
    <nav className="app-nav" aria-label="Views">
      <ul>
        {views.map((view) => {
          const { label, icon: Icon } = entries[view];
          return (
            <li key={view}>
              <button
                type="button"
                data-variant="ghost"
                title={label}
                aria-current={view === current ? 'page' : undefined}
                onClick={() => showView(view)}
              >
                <Icon className="icon" aria-hidden />
                <span className="nav-label narrow-hidden">{label}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
