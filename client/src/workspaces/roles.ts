import type { WorkspaceRole } from './workspaceApi.ts';

/** How a role is named on screen. */
export const ROLE_NAMES: Record<WorkspaceRole, string> = {
  owner: 'Owner',
  facilitator: 'Facilitator',
  viewer: 'Viewer',
};

/** What a role may do, in a sentence, for the invitation's choice. */
export const ROLE_HINTS: Record<WorkspaceRole, string> = {
  owner: 'manages members and invitations, and runs sessions',
  facilitator: 'runs sessions and keeps templates',
  viewer: 'reads the library and notebooks',
};

export const ROLES: WorkspaceRole[] = ['owner', 'facilitator', 'viewer'];
