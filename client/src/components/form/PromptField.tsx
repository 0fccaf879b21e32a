/** A labelled multi-line text field for a round's question, prompt or instruction. */
export function PromptField({
  id,
  label = 'Question',
  value,
  maxLength,
  rows = 2,
  onChange,
}: {
  id?: string;
  label?: string;
  value: string;
  maxLength: number;
  rows?: number;
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <textarea
        id={id}
        value={value}
        maxLength={maxLength}
        rows={rows}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
