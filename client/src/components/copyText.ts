/**
 * Puts `text` on the clipboard; false where the browser refuses (the clipboard API exists
 * only on secure origins, not a plain-http LAN address), so the page can say to copy by hand.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
