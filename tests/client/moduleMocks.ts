/**
 * Client test files that call vi.mock. They run in a project of their own with a fresh module
 * graph per file; every other client file shares one (vite.config.ts). moduleMocks.test.tsx
 * fails when a file that mocks a module is missing from this list.
 */
export const CLIENT_FILES_WITH_MODULE_MOCKS = [
  'tests/client/ActionPlanExercise.test.tsx',
  'tests/client/ErrorBoundaries.test.tsx',
  'tests/client/Join.test.tsx',
  'tests/client/MemberConsole.test.tsx',
  'tests/client/NotebookPages.test.tsx',
  'tests/client/Participant.test.tsx',
  'tests/client/PlanPromptCard.test.tsx',
  'tests/client/PlanRoute.test.tsx',
  'tests/client/RoomControls.test.tsx',
  'tests/client/SyncedPlanEditor.test.tsx',
];
