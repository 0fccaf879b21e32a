export { bindConfig } from './bindConfig.ts';
export { Checkbox } from './Checkbox.tsx';
export {
  DescribedList,
  EditableList,
  TagList,
  TextList,
  moved,
  replaced,
  without,
  type DescribedEntry,
} from './EditableList.tsx';
export { ErrorAlert } from './ErrorAlert.tsx';
export {
  NumberField,
  NumberFields,
  NumberSettings,
  wholeNumber,
  type NumberSetting,
} from './NumberFields.tsx';
export { PresetPicker } from './PresetPicker.tsx';
export { PromptField } from './PromptField.tsx';
export { RadioGroup } from './RadioGroup.tsx';
export { ScaleEndFields, type ScaleEnds } from './ScaleEndFields.tsx';
export { TextField } from './TextField.tsx';
