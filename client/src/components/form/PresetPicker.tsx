/**
 * A select that starts the round from a ready-made configuration: it always reads its
 * placeholder, and choosing an entry hands over that entry's key.
 */
export function PresetPicker({
  id,
  label,
  placeholder,
  presets,
  onPick,
}: {
  id?: string;
  label: string;
  placeholder: string;
  /** Each preset's key and what the list shows for it. */
  presets: readonly (readonly [key: string, text: string])[];
  onPick: (key: string) => void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select id={id} value="" onChange={(e) => e.target.value && onPick(e.target.value)}>
        <option value="">{placeholder}</option>
        {presets.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
