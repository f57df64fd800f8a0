/** When the library asks for a backup: after a lot of new work since the last one. */
import type { BackupStatus } from '../messaging/contract';

/** Comments and drawings changed since the last backup after which one is asked for. */
export const BACKUP_DUE_AFTER = 20;
/** With no backup ever made, a little work is already worth one. */
export const FIRST_BACKUP_DUE_AFTER = 5;

export function backupDue(status: BackupStatus | null): boolean {
  if (!status) return false;
  return status.changes >= (status.lastAt === null ? FIRST_BACKUP_DUE_AFTER : BACKUP_DUE_AFTER);
}
