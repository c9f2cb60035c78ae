import { pathSegments } from '../../../../shared/mfs-path';
import { useAppStore } from '../../../app/store';
import { Name } from '../../../ui/Name';
import { moveEntry, openFolder } from './browser-actions';
import { draggedPath, MFS_PATH_TYPE } from './drag-path';

/** Where the open folder is, each name cut short with its title; each crumb opens its folder and takes rows dropped on it (a move there). */
export function Breadcrumbs() {
  const folder = useAppStore((state) => state.folder);
  const crumbs = [{ name: 'Files', path: '/' }, ...pathSegments(folder)];
  return (
    <nav aria-label="Folder path" className="breadcrumbs">
      <ol>
        {crumbs.map((crumb, index) => (
          <li key={crumb.path}>
            <button
              type="button"
              aria-current={index === crumbs.length - 1 ? 'location' : undefined}
              onClick={() => openFolder(crumb.path)}
              onDragOver={(event) => {
                if (event.dataTransfer.types.includes(MFS_PATH_TYPE)) event.preventDefault();
              }}
              onDrop={(event) => {
                const from = draggedPath(event.dataTransfer);
                if (!from) return;
                event.preventDefault();
                void moveEntry(from, crumb.path);
              }}
            >
              <Name value={crumb.name} className="crumb-name" />
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
