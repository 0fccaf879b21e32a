import { zipSync, type Zippable } from 'fflate';

/** Names Windows refuses for a file, whatever its extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** The longest name kept, in characters; file systems allow 255 bytes, UTF-8 takes up to 4. */
const MAX_LENGTH = 60;

/**
 * A file name (without extension) made from user text, safe on every common file system and
 * in a Content-Disposition header: no path separators or characters Windows forbids, no
 * control characters, no leading or trailing dots and spaces, not a reserved device name,
 * at most 60 characters (never splitting one), and `fallback` when nothing is left.
 * Letters of any script stay, so "Дарья" remains "Дарья".
 */
export function safeFileName(text: string, fallback = 'export'): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/\p{Cc}|[\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    // "Plan: Zoë" reads as "Plan - Zoë"; other forbidden runs become one dash.
    .replace(/:\s/g, ' - ')
    .replace(/[/\\:*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.-]+$/g, '');
  const short = Array.from(cleaned)
    .slice(0, MAX_LENGTH)
    .join('')
    .replace(/[\s.-]+$/, '');
  if (short === '') return fallback;
  return RESERVED.test(short) ? `_${short}` : short;
}

/**
 * Unique, safe names for files that go into one folder or archive: each stem passed through
 * {@link safeFileName}, the extension kept when it is plain, and repeats numbered the way
 * file managers do ("Sam.pdf", "Sam (2).pdf"), ignoring case, since Windows and macOS do.
 */
export function uniqueFileNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 ? name.slice(dot + 1) : '';
    const isPlain = /^[A-Za-z0-9]{1,10}$/.test(extension);
    const stem = safeFileName(isPlain ? name.slice(0, dot) : name, 'file');
    const suffix = isPlain ? `.${extension.toLowerCase()}` : '';
    let candidate = `${stem}${suffix}`;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${suffix}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/**
 * A ZIP archive of the files, flat (no folders), under the names {@link uniqueFileNames}
 * gives them, so no entry can write outside the folder it is unpacked into or overwrite
 * another. Non-ASCII names are stored as UTF-8 and flagged so.
 */
export function zipFiles(files: { name: string; data: Uint8Array }[]): Uint8Array {
  const names = uniqueFileNames(files.map((f) => f.name));
  const entries: Zippable = {};
  files.forEach((file, i) => {
    const name = names[i];
    if (name !== undefined) entries[name] = file.data;
  });
  return zipSync(entries, { level: 6 });
}
