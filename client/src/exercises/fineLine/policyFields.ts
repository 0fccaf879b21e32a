import type { FineLineCommonView } from '@playfield/shared/exercises/fineLine/index';

/** The staffing policy's fields, as the console, the set-up editor and managers' phones show them. */
export const POLICY_FIELDS: {
  key: keyof FineLineCommonView['policy'];
  label: string;
  step: number;
}[] = [
  { key: 'openAtStart', label: 'Registers open at start', step: 1 },
  { key: 'openThreshold', label: 'Open another when this many wait', step: 1 },
  { key: 'openDelayMinutes', label: 'Minutes before it opens', step: 0.5 },
  { key: 'maxRegisters', label: 'Most registers', step: 1 },
  { key: 'costPerRegisterMinute', label: 'Cost per register per minute', step: 0.1 },
];
