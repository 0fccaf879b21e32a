import type { WorkspaceRole } from './workspaceApi.ts';

/** How a role is named on screen. */
export const ROLE_NAMES: Record<WorkspaceRole, string> = {
  owner: 'Owner',
  facilitator: 'Facilitator',
  producer: 'Producer',
  viewer: 'Viewer',
};

/** What a role may do, in a sentence, for the invitation's choice. */
export const ROLE_HINTS: Record<WorkspaceRole, string> = {
  owner: 'manages members and invitations, and runs sessions',
  facilitator: 'runs sessions, edits their agendas and keeps templates',
  producer: 'runs sessions from the console but does not change their agendas',
  viewer: 'reads the library and notebooks',
};

export const ROLES: WorkspaceRole[] = ['owner', 'facilitator', 'producer', 'viewer'];
