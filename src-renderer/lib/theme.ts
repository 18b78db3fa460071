/**
 * Applies the theme setting to `<html data-theme>`: `system` follows the OS
 * (`prefers-color-scheme`) live, `light`/`dark` override it. The CSS reads
 * only `data-theme`, so there is one source of truth for colours.
 */
import { useEffect } from 'react';
import type { Theme } from '../../src-main/common/contract';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Sets the resolved theme on the document element. */
export function applyTheme(theme: Theme): void {
  const resolved = theme === 'system' ? (matchMedia(DARK_QUERY).matches ? 'dark' : 'light') : theme;
  const root = document.documentElement;
  root.dataset.theme = resolved;
  root.style.colorScheme = resolved;
}

/** Keeps the document's theme in step with the setting and, for `system`, with the OS. */
export function useThemeEffect(theme: Theme): void {
  useEffect(() => {
    applyTheme(theme);
    if (theme !== 'system') return undefined;
    const query = matchMedia(DARK_QUERY);
    const onChange = (): void => applyTheme('system');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [theme]);
}
