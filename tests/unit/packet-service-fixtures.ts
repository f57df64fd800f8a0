/** Two installations in Node (each its own fake IndexedDB and settings): a coach and an athlete. */
import { DEFAULT_PREFERENCES } from '../../utils/settings/preferences';
import { IDBFactory } from 'fake-indexeddb';
import { createService } from '../../utils/background/service';
import type { ChangeMessage, Settings } from '../../utils/messaging/contract';
import type { Author } from '../../utils/model/types';
import { openRaw } from './storage-fixtures';

export function installation(author: Author) {
  let saved: Settings | undefined = { author, drawing: { color: '#ffcf3f', width: 3, holdSeconds: 1 }, keybindings: [], recentCommands: [], preferences: DEFAULT_PREFERENCES };
  const factory = new IDBFactory();
  const broadcasts: ChangeMessage[] = [];
  const handlers = createService({
    factory,
    settings: { get: async () => saved, set: async (s) => void (saved = s) },
    broadcast: async (m) => void (m.type === 'annotations.changed' && broadcasts.push(m)),
  });
  return { handlers, factory, broadcasts, author };
}

export type Installation = ReturnType<typeof installation>;

/** Every record of every store, in key order, as text: equal text means an unchanged database. */
export async function dump(factory: IDBFactory): Promise<string> {
  // Opening a database that is not there would create it (empty, at version 1).
  if (!(await factory.databases()).some((d) => d.name === 'framecoach')) return '{}';
  const db = await openRaw(factory);
  try {
    const names = [...db.objectStoreNames].sort();
    const out: Record<string, unknown[]> = {};
    for (const name of names) {
      out[name] = await new Promise((resolve, reject) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => resolve(req.result.map((r: unknown) => stripKeys(r)));
        req.onerror = () => reject(req.error);
      });
    }
    return JSON.stringify(out);
  } finally {
    db.close();
  }
}

/** CryptoKeys do not serialize: they are shown by type only. */
function stripKeys(record: unknown): unknown {
  if (record && typeof record === 'object' && 'privateKey' in record) return { ...record, privateKey: 'CryptoKey' };
  return record;
}
