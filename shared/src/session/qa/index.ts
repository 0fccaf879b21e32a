export { QA_LIMITS } from './limits.ts';
export * from './model.ts';
export {
  decideQa,
  isOnList,
  isQaCommand,
  isQaEvent,
  rateAt,
  rootOf,
  type QaCommand,
  type QaControlCommand,
} from './decide.ts';
export { applyQa, initialQa, questionsInOrder } from './apply.ts';
export * from './views.ts';
export type { Sharded } from '../sharded.ts';
