/**
 * Opening the database: runs the migrations table inside `upgrade`, reports a blocked
 * upgrade as an error instead of waiting forever, and gives way (closes the connection)
 * when a newer FrameCoach asks to upgrade.
 *
 * Why not idb's `openDB`: it opens through the global `indexedDB`, and the store takes its
 * IDBFactory as a parameter (each unit test has a database of its own). So the request is
 * made here and idb's `wrap()` turns it, the database and the upgrade transaction into
 * idb's promise-based objects; the factory must come from the same IndexedDB implementation
 * as the globals idb checks against (`IDBRequest`, …): the browser's own, or fake-indexeddb
 * with `fake-indexeddb/auto` in Node.
 */
import { wrap } from 'idb';
import { StorageError, toStorageError } from './errors';
import { CURRENT_VERSION, runMigrations, type Db, type UpgradeTx } from './schema';

/**
 * Opens (creating or upgrading) the database at `version`. Rejects with a StorageError:
 * 'blocked' when an older connection elsewhere will not close, 'unknown' when the upgrade
 * fails (the old data stays: the upgrade is one transaction) or the data is newer than us.
 */
export function openDatabase(factory: IDBFactory, name: string, version = CURRENT_VERSION): Promise<Db> {
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
    req.addEventListener('upgradeneeded', (event) => {
      if (!req.transaction) return;
      const tx = wrap(req.transaction) as unknown as UpgradeTx;
      tx.done.catch(() => undefined); // an aborted upgrade is reported through the open request
      const abort = () => {
        try {
          tx.abort();
        } catch {
          // Already aborted.
        }
      };
      // Already reported as blocked: nobody is waiting for this upgrade, let the next open do it.
      if (settled) return abort();
      runMigrations(wrap(req.result) as unknown as Db, tx, event.oldVersion, event.newVersion ?? version).catch(
        (error: unknown) => {
          upgradeError = error;
          abort();
        },
      );
    });
    req.addEventListener('blocked', () => fail(new StorageError('blocked')));
    (wrap(req) as Promise<unknown> as Promise<Db>).then(
      (db) => {
        if (settled) return db.close();
        settled = true;
        // A newer FrameCoach (another tab, an updated extension) wants to upgrade: let it.
        db.addEventListener('versionchange', () => db.close());
        resolve(db);
      },
      (error: unknown) => fail(upgradeError ?? error),
    );
  });
}
