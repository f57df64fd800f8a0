/** A file's size as the coach reads it: "12 KB", "1.4 MB". */
export const fileSize = (bytes: number): string => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} KB`);
