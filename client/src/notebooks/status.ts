import type { DocState } from '../docs/docConnection.ts';

/** The status line under the notebook's title, in words. */
export function statusText(state: DocState, canEdit: boolean): string {
  switch (state.status) {
    case 'connecting':
      return canEdit ? 'Connecting… (edits are kept on this device)' : 'Connecting…';
    case 'saved':
      return canEdit ? 'Saved' : 'Up to date';
    case 'saving':
      return 'Saving…';
    case 'offline':
      return canEdit ? 'Offline: edits are kept and will merge' : 'Offline: showing the last copy';
    case 'failed':
      return state.error?.message ?? 'Something went wrong';
    case 'revoked':
      return 'This link has been revoked';
    default: {
      const unreachable: never = state.status;
      return unreachable;
    }
  }
}
