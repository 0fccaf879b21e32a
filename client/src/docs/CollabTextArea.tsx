import { useEffect, useLayoutEffect, useRef } from 'react';
import * as Y from 'yjs';

/**
 * A textarea bound to a Y.Text: typing becomes the smallest insert and delete (the common
 * prefix and suffix are kept), so two people typing in the same text both keep their
 * words; remote changes keep the caret where it was relative to the text around it.
 */
export function CollabTextArea({
  text,
  id,
  label,
  isReadOnly = false,
  maxLength,
  rows = 3,
  placeholder,
  onFocusChange,
}: {
  text: Y.Text;
  id: string;
  label: string;
  isReadOnly?: boolean;
  maxLength?: number;
  rows?: number;
  placeholder?: string;
  /** Tells presence which text this person is in (null when they leave it). */
  onFocusChange?: (isFocused: boolean) => void;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);

  useLayoutEffect(() => {
    const area = ref.current;
    if (area) area.value = text.toJSON();
  }, [text]);

  useEffect(() => {
    const area = ref.current;
    if (!area) return;
    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.local && transaction.origin === area) return;
      // Keep the caret and selection anchored to the characters around them.
      const start = Y.createRelativePositionFromTypeIndex(text, area.selectionStart);
      const end = Y.createRelativePositionFromTypeIndex(text, area.selectionEnd);
      void event;
      const wasFocused = document.activeElement === area;
      area.value = text.toJSON();
      if (!wasFocused || !text.doc) return;
      const doc = text.doc;
      const a = Y.createAbsolutePositionFromRelativePosition(start, doc);
      const b = Y.createAbsolutePositionFromRelativePosition(end, doc);
      if (a && b) area.setSelectionRange(a.index, b.index);
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  const onInput = () => {
    const area = ref.current;
    if (!area || isReadOnly) return;
    const before = text.toJSON();
    const after = area.value;
    if (before === after) return;
    let start = 0;
    while (start < before.length && start < after.length && before[start] === after[start]) start++;
    let endBefore = before.length;
    let endAfter = after.length;
    while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
      endBefore--;
      endAfter--;
    }
    text.doc?.transact(() => {
      if (endBefore > start) text.delete(start, endBefore - start);
      if (endAfter > start) text.insert(start, after.slice(start, endAfter));
    }, area);
  };

  return (
    <label className="field" htmlFor={id}>
      <span>{label}</span>
      <textarea
        id={id}
        ref={ref}
        rows={rows}
        readOnly={isReadOnly}
        maxLength={maxLength}
        placeholder={placeholder}
        onInput={onInput}
        onFocus={() => onFocusChange?.(true)}
        onBlur={() => onFocusChange?.(false)}
      />
    </label>
  );
}
