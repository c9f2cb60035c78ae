import { useEffect } from 'react';
import { useAppStore } from '../../app/store';

/** Light or dark follows the OS unless the user chose one; the stylesheet reads data-theme. */
export function useTheme(): void {
  const theme = useAppStore((state) => state.settings?.theme ?? 'system');
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
