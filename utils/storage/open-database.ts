/**
 * Opening the database: runs the migrations table inside `upgrade`, reports a blocked
 * upgrade as an error instead of waiting forever, and gives way (closes the connection)
 * when a newer FrameCoach asks to upgrade.
 */
import { StorageError, toStorageError } from './errors';
import { CURRENT_VERSION, runMigrations } from './schema';

/**
 * Opens (creating or upgrading) the database at `version`. Rejects with a StorageError:
 * 'blocked' when an older connection elsewhere will not close, 'unknown' when the upgrade
 * fails (the old data stays: the upgrade is one transaction) or the data is newer than us.
 */
export function openDatabase(factory: IDBFactory, name: string, version = CURRENT_VERSION): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let upgradeError: unknown;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(toStorageError(error));
    };
    let req: IDBOpenDBRequest;
    try {
      req = factory.open(name, version);
    } catch (error) {
      fail(error);
      return;
    }
    req.onupgradeneeded = (event) => {
      const tx = req.transaction;
      if (!tx) return;
      // Already reported as blocked: nobody is waiting for this upgrade, let the next open do it.
      if (settled) return tx.abort();
      try {
        runMigrations(req.result, tx, event.oldVersion, event.newVersion ?? version);
      } catch (error) {
        upgradeError = error;
        tx.abort();
      }
    };
    req.onblocked = () => fail(new StorageError('blocked'));
    req.onerror = () => fail(upgradeError ?? req.error);
    req.onsuccess = () => {
      const db = req.result;
      if (settled) return db.close();
      settled = true;
      // A newer FrameCoach (another tab, an updated extension) wants to upgrade: let it.
      db.addEventListener('versionchange', () => db.close());
      resolve(db);
    };
  });
}
