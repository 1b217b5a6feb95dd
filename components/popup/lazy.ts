import { type ComponentType, h } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A view's code, fetched once: on first use, or ahead of time with `preload`. */
export class Loader<P> {
  component: ComponentType<P> | null = null;
  #loading: Promise<ComponentType<P>> | null = null;
  constructor(private readonly load: () => Promise<ComponentType<P>>) {}

  preload(): Promise<ComponentType<P>> {
    this.#loading ??= this.load().then((component) => {
      this.component = component;
      return component;
    });
    return this.#loading;
  }
}

/**
 * Renders a view whose code loads on first use, so the popup's first paint carries only the list. Shows
 * nothing until the chunk has arrived (a few milliseconds from the extension's own files).
 */
export function Lazy<P extends object>({ loader, props }: { loader: Loader<P>; props: P }) {
  const [, setReady] = useState(loader.component !== null);
  useEffect(() => {
    if (!loader.component) void loader.preload().then(() => setReady(true));
  }, [loader]);
  return loader.component ? h(loader.component as ComponentType<object>, props) : null;
}
