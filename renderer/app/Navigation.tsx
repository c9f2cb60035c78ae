import { useAppStore } from './store';
import { views, type View } from './ui-slice';

const labels: Record<View, string> = {
  files: 'Files',
  pins: 'Pins',
  share: 'Share',
  names: 'Names',
  verify: 'Verify',
  node: 'Node',
  settings: 'Settings',
};

export function Navigation() {
  const current = useAppStore((state) => state.view);
  const showView = useAppStore((state) => state.showView);
  return (
    <nav className="app-nav" aria-label="Views">
      <ul>
        {views.map((view) => (
          <li key={view}>
            <button type="button" aria-current={view === current ? 'page' : undefined} onClick={() => showView(view)}>
              {labels[view]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
