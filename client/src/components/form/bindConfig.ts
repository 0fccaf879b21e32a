/**
 * Binds a config editor's controls to its config: `set` merges a patch, `field(key)` gives a
 * text or number field its id (`<idPrefix>-<key>`), value and setter, `list(key)` gives an
 * editable list its entries and setter. Each change hands the parent a new config.
 */
export function bindConfig<C extends object>({
  config,
  onChange,
  idPrefix,
}: {
  config: C;
  onChange: (config: C) => void;
  idPrefix: string;
}) {
  const put = <K extends keyof C>(key: K, value: C[K]) => {
    const next = { ...config };
    next[key] = value;
    onChange(next);
  };
  return {
    config,
    set: (patch: Partial<C>) => onChange({ ...config, ...patch }),
    field: <K extends keyof C & string>(key: K) => ({
      id: `${idPrefix}-${key}`,
      value: config[key],
      onChange: (value: C[K]) => put(key, value),
    }),
    list: <K extends keyof C>(key: K) => ({
      items: config[key],
      onChange: (items: C[K]) => put(key, items),
    }),
  };
}
