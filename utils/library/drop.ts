/** A file dropped anywhere on an extension page is a packet to import (the page's own drop zone). */
export function acceptDroppedFiles(win: Window, onFile: (file: File) => void): void {
  const doc = win.document;
  const hasFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  win.addEventListener('dragover', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault(); // without it the browser opens the file instead
    doc.documentElement.classList.add('lib-dragging');
  });
  win.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) doc.documentElement.classList.remove('lib-dragging');
  });
  win.addEventListener('drop', (event) => {
    doc.documentElement.classList.remove('lib-dragging');
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    onFile(file);
  });
}
