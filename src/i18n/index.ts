import { nl, type UiKey } from './nl';

/** Looks up an interface string and fills in {placeholders}. */
export function t(key: UiKey, values: Record<string, string | number> = {}): string {
  return nl[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}
