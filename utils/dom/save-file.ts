/**
 * Saving text as a file the way a download does (an `<a download>` over a Blob URL), and
 * copying text, with the old `execCommand` path where the clipboard API is missing (a
 * content script on a plain-http page is not a secure context).
 */

/** Starts the download of `text` as `filename`; the anchor lives in `parent` (our shadow root) for the click. */
export function saveTextFile(parent: Element | ShadowRoot, filename: string, text: string, type = 'application/json'): void {
  const doc = (parent as Node).ownerDocument ?? document;
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  parent.appendChild(a);
  a.click();
  a.remove();
  // The download has its own copy by then; a minute is plenty on any machine.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function copyText(parent: Element | ShadowRoot, text: string): Promise<boolean> {
  try {
    if (globalThis.navigator?.clipboard && globalThis.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied (no focus, no permission): try the old way.
  }
  const doc = (parent as Node).ownerDocument ?? document;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  parent.appendChild(area);
  area.select();
  try {
    return doc.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
