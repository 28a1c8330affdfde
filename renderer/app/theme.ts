// Light and dark themes: follows prefers-color-scheme until the user picks one with the toggle.
import { useCallback, useEffect, useState } from 'react';

/** The theme choice: the system's, or a fixed one. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'ariadne.theme';

function stored(): ThemeChoice {
  const v = window.localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' ? v : 'system';
}

function systemDark(): boolean {
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The theme choice and a toggle that switches between light and dark. */
export function useTheme(): { choice: ThemeChoice; effective: 'light' | 'dark'; toggle: () => void } {
  const [choice, setChoice] = useState<ThemeChoice>(stored);
  const [dark, setDark] = useState(systemDark);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = (): void => setDark(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  const effective = choice === 'system' ? (dark ? 'dark' : 'light') : choice;
  useEffect(() => {
    document.documentElement.dataset['theme'] = effective;
    if (choice === 'system') window.localStorage.removeItem(KEY);
    else window.localStorage.setItem(KEY, choice);
  }, [choice, effective]);
  const toggle = useCallback(() => setChoice(effective === 'dark' ? 'light' : 'dark'), [effective]);
  return { choice, effective, toggle };
}
