import type { SelectHTMLAttributes } from 'react';
import { ROLE_NAMES, ROLES } from './roles.ts';
import type { WorkspaceRole } from './workspaceApi.ts';

/** A workspace role picker: the roles by name, `onChange` given the role chosen. */
export function RoleSelect({
  value,
  onChange,
  ...select
}: {
  value: WorkspaceRole;
  onChange: (role: WorkspaceRole) => void;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>) {
  return (
    <select
      {...select}
      value={value}
      onChange={(e) => {
        const role = ROLES.find((r) => r === e.target.value);
        if (role) onChange(role);
      }}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_NAMES[r]}
        </option>
      ))}
    </select>
  );
}
