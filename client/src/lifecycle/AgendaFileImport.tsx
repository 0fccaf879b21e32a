import { useId, useState } from 'react';
import { BUILT_IN_WORKSHOPS } from '@playfield/shared';
import {
  AGENDA_FILE_BYTES,
  parseAgendaFile,
  type ImportedAgenda,
} from '@playfield/shared/lifecycle/agendaFile';
import styles from './AgendaFileImport.module.css';

/** A file's text (FileReader: every browser has it, `Blob.text` came later). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

/** Reads a chosen file as an agenda: the text, then JSON, then every round's schema. */
export async function readAgendaFile(
  file: File,
): Promise<{ ok: true; data: ImportedAgenda } | { ok: false; message: string }> {
  if (file.size > AGENDA_FILE_BYTES)
    return {
      ok: false,
      message: `“${file.name}” is larger than ${Math.round(AGENDA_FILE_BYTES / 1024)} KB: it is not an agenda file`,
    };
  let json: unknown;
  try {
    json = JSON.parse(await readText(file));
  } catch {
    return {
      ok: false,
      message: `“${file.name}” is not a JSON file: choose a Playfield agenda file`,
    };
  }
  const parsed = parseAgendaFile(json);
  return parsed.ok
    ? parsed
    : { ok: false, message: `“${file.name}” cannot be used. ${parsed.error.message}` };
}

/**
 * Agenda files on the new-session page: import one (checked in full with the same schemas
 * as the server, so a refusal names the round and field), or download a built-in
 * workshop's to edit or share.
 */
export function AgendaFileImport({ onImport }: { onImport: (agenda: ImportedAgenda) => void }) {
  const inputId = useId();
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  return (
    <section className={`stack stack--tight ${styles.files}`} aria-labelledby={`${inputId}-h`}>
      <h3 id={`${inputId}-h`}>Agenda files</h3>
      <label className="field" htmlFor={inputId}>
        <span>Import an agenda file (.json)</span>
        <input
          id={inputId}
          type="file"
          accept="application/json,.json"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (!file) return;
            void readAgendaFile(file).then((read) => {
              if (!read.ok) return setMessage({ isError: true, text: read.message });
              onImport(read.data);
              setMessage({
                isError: false,
                text: `Imported “${read.data.title}”: ${read.data.agenda.length} rounds, loaded below.`,
              });
            });
          }}
        />
      </label>
      {message && (
        <p
          className={message.isError ? 'error' : 'muted'}
          role={message.isError ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
      <p className="muted">
        Download a workshop’s agenda file:{' '}
        {BUILT_IN_WORKSHOPS.map((workshop, index) => (
          <span key={workshop.id}>
            {index > 0 && ', '}
            <a href={`/api/workshops/${workshop.id}/agenda-file`} download>
              {workshop.title}
            </a>
          </span>
        ))}
        . Images of slides are left out of files.
      </p>
    </section>
  );
}
