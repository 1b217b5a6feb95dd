import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** A success notice has been read by then; it stops covering the list. Errors stay until the user acts. */
const NOTICE_MS = 8000;

/**
 * A message that belongs to the screen it was given on: leaving that screen drops it, so "Account added."
 * does not follow the user into Add, Details or Delete. `set(text, screen)` names the screen when the message
 * is meant for the one being opened (an action that ends by going back to the list).
 */
export function useScreenMessage(screen: string, fades = false) {
  const [message, setMessage] = useState<{ text: string; on: string } | null>(null);
  const current = useRef(screen);
  current.current = screen;
  useEffect(() => {
    setMessage((m) => (m && m.on !== screen ? null : m));
  }, [screen]);
  useEffect(() => {
    if (!fades || !message) return;
    const timer = setTimeout(() => setMessage(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [fades, message]);
  // Stable, like a state setter, so callers may list it among an effect's dependencies.
  const set = useCallback(
    (text: string | null, on?: string) =>
      setMessage(text === null ? null : { text, on: on ?? current.current }),
    [],
  );
  return [message?.on === screen ? message.text : null, set] as const;
}
