import type { Facilitate } from '../facilitate.ts';
import type { BrainstormPhase } from './index.ts';

const NEXT_PHASE: Partial<Record<BrainstormPhase, BrainstormPhase>> = {
  collect: 'cluster',
  cluster: 'vote',
  vote: 'results',
};

/** Collect, cluster (grouping loose notes under the style's names), vote, results. */
export const facilitateBrainstorm: Facilitate<'brainstorm'> = (view, style) => {
  const name = style.clusterNames[view.clusters.length];
  if (view.phase === 'cluster' && name && view.loose.length > 2)
    return { type: 'createCluster', name, noteIds: view.loose.slice(0, 4).map((n) => n.id) };
  const phase = NEXT_PHASE[view.phase];
  return phase ? { type: 'phase', phase } : null;
};
