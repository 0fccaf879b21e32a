import type { BuiltInWorkshop } from './helpers.ts';
import { servicePro } from './servicePro.ts';
import { strategicService } from './strategicService.ts';
import { totalCustomerService } from './totalCustomerService.ts';

export type { BuiltInWorkshop } from './helpers.ts';
export * from './timing.ts';

/**
 * The three workshops of the seed proposals (WORKSHOPS.md section 5) as complete days:
 * content rounds for the talks, the exercises, breaks and lunch, a facilitator script and
 * planned minutes for every round. Each is a starting point: the facilitator edits it freely.
 */
export const BUILT_IN_WORKSHOPS: readonly BuiltInWorkshop[] = [
  servicePro,
  totalCustomerService,
  strategicService,
];
