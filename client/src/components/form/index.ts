export { Checkbox } from './Checkbox.tsx';
export { EditableList, TextList, moved, replaced, without } from './EditableList.tsx';
export { ErrorAlert } from './ErrorAlert.tsx';
export { NumberField, NumberFields, wholeNumber } from './NumberFields.tsx';
export { PromptField } from './PromptField.tsx';
