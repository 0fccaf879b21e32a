/** The workspace's "Export everything": a labelled download link to the owner-only archive. */
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ExportPanel } from '../../client/src/workspaces/ExportPanel.tsx';

describe('workspace export', () => {
  it('downloads the archive of this workspace, saying what is in it and what is not', () => {
    render(<ExportPanel workspaceId="w 1" />);
    const link = screen.getByRole('link', { name: 'Download the archive' });
    expect(link).toHaveAttribute('href', '/api/workspaces/w%201/export');
    expect(link).toHaveAttribute('download');
    const panel = screen.getByRole('region', { name: 'Export everything' });
    expect(panel).toHaveTextContent('agenda, results and notebook');
    expect(panel).toHaveTextContent('No passwords or keys are in it.');
  });
});
