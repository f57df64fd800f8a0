/**
 * Backups behind the message contract: everything out to one file, and a file merged back
 * in (on this machine or a new one). On an installation that has written nothing yet, the
 * backup's coach comes back whole: their name and id (so their comments are theirs to edit),
 * their settings, and their signing key (so athletes keep accepting their packets).
 */
import { BACKUP_FORMAT, BACKUP_TYPE, backupFilename, readBackup, writeBackup, type Backup } from '../backup/format';
import type { RecordPlan } from '../backup/merge';
import { exportPrivate, importSigner, type Signer } from '../packets/crypto';
import type { BackupFile, BackupStatus, Broadcast, Identity, RestoreAnswer, Settings } from '../messaging/contract';
import type { Counts } from '../packets/plan';
import { restorePreferences } from '../settings/preferences';
import type { FrameCoachStore } from '../storage/store';
import { cleanKeybindings, cleanRecent } from './keybinding-settings';
import { cleanDrawingDefaults } from './drawing-defaults';

export interface BackupDeps {
  withStore<T>(work: (db: FrameCoachStore) => Promise<T>): Promise<T>;
  readSettings(): Promise<Settings>;
  changeSettings(update: (current: Settings) => Settings, tell?: boolean): Promise<Settings>;
  broadcast(message: Broadcast): Promise<void>;
  now?: () => number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describe(plan: RecordPlan, backup: Backup, identity: Identity, takesKey: boolean, me: string): string[] {
  const total = (change: keyof Counts['comments']) => Object.values(plan.counts).reduce((n, c) => n + c[change], 0);
  const lines = [
    `${plural(total('new'), 'record')} new here, ${total('updated') + total('removed')} updated, ${total('unchanged')} already here` +
      (total('older') ? `, ${total('older')} older than what is here (kept as is)` : '') + '.',
  ];
  if (identity === 'adopt') lines.push(`You become ${backup.author.name} again: their comments are yours to edit, with their settings.`);
  if (identity === 'other') lines.push(`This backup is ${backup.author.name}'s. Their comments come back as theirs (read-only); you keep writing as ${me}.`);
  if (takesKey) lines.push('Packets you send are signed with the key from the backup, so athletes keep accepting them.');
  else if (!backup.signingKey && identity !== 'other' && backup.packets.some((p) => p.direction === 'sent')) {
    lines.push("The backup holds no signing key (keys made before backups can't be saved): athletes who had your packets will be asked to trust a new one.");
  }
  return lines;
}

export function backupHandlers({ withStore, readSettings, changeSettings, broadcast, now = Date.now }: BackupDeps) {
  /** Reads the file and decides whose it is; nothing is written. */
  async function prepare(text: unknown) {
    const read = readBackup(text);
    if (!read.ok) return { ok: false, problem: read.problem } as const;
    const { backup } = read;
    const me = (await readSettings()).author;
    const fresh = !(await withStore((db) => db.hasOwnWork(me.id)));
    const identity: Identity = backup.author.id === me.id ? 'same' : fresh ? 'adopt' : 'other';
    let signer: Signer | null = null;
    if (fresh && identity !== 'other' && backup.signingKey) {
      try {
        signer = await importSigner(backup.signingKey.publicKey, backup.signingKey.d);
      } catch (error) {
        return { ok: false, problem: `This backup is damaged: ${error instanceof Error ? error.message : String(error)}.` } as const;
      }
    }
    return { ok: true, backup, identity, signer, me } as const;
  }

  function answer(backup: Backup, plan: RecordPlan, identity: Identity, signer: Signer | null, me: string): RestoreAnswer {
    return {
      ok: true,
      createdAt: backup.createdAt,
      author: backup.author.name,
      identity,
      counts: plan.counts,
      videos: backup.videos.length,
      packets: backup.packets.length,
      takesKey: signer !== null,
      summary: describe(plan, backup, identity, signer !== null, me),
    };
  }

  return {
    async 'backup.export'(): Promise<BackupFile> {
      const [settings, dump] = await Promise.all([readSettings(), withStore((db) => db.dumpAll())]);
      const { signer, ...data } = dump;
      const d = signer ? await exportPrivate(signer) : null;
      const createdAt = now();
      const { author, lastBackupAt: _, ...rest } = settings;
      const backup: Backup = {
        type: BACKUP_TYPE,
        format: BACKUP_FORMAT,
        createdAt,
        author,
        settings: rest,
        ...data,
        signingKey: signer && d ? { publicKey: signer.publicKey, d, createdAt: signer.createdAt } : null,
      };
      const text = writeBackup(backup);
      await changeSettings((current) => ({ ...current, lastBackupAt: createdAt }), false);
      return { filename: backupFilename(createdAt), text, bytes: new TextEncoder().encode(text).length, keyIncluded: backup.signingKey !== null };
    },

    async 'backup.preview'({ text }: { text: string }): Promise<RestoreAnswer> {
      const ready = await prepare(text);
      if (!ready.ok) return { ok: false, problem: ready.problem };
      const plan = await withStore((db) => db.planRestore(ready.backup));
      return answer(ready.backup, plan, ready.identity, ready.signer, ready.me.name);
    },

    async 'backup.restore'({ text }: { text: string }): Promise<RestoreAnswer> {
      const ready = await prepare(text);
      if (!ready.ok) return { ok: false, problem: ready.problem };
      const { backup, identity, signer, me } = ready;
      const plan = await withStore((db) => db.restoreAll(backup, signer));
      if (identity === 'adopt') {
        const s = backup.settings as Partial<Record<keyof Settings, unknown>>;
        await changeSettings((current) => ({
          ...current,
          author: backup.author,
          drawing: cleanDrawingDefaults((s.drawing ?? {}) as Record<string, unknown>, current.drawing),
          keybindings: cleanKeybindings(s.keybindings),
          recentCommands: cleanRecent(s.recentCommands),
          preferences: restorePreferences(s.preferences),
        }));
      }
      // Open tabs show what came back at once.
      const byVideo = new Map<string, typeof plan.writes[number][]>();
      for (const r of plan.writes) byVideo.set(r.videoId, [...(byVideo.get(r.videoId) ?? []), r]);
      for (const [videoId, annotations] of byVideo) {
        void broadcast({ framecoach: 1, type: 'annotations.changed', videoId, annotations }).catch(() => undefined);
      }
      return answer(backup, plan, identity, signer, me.name);
    },

    async 'backup.status'(): Promise<BackupStatus> {
      const { lastBackupAt } = await readSettings();
      const changes = await withStore((db) => db.changedSince(lastBackupAt ?? -1));
      return { lastAt: lastBackupAt ?? null, changes };
    },
  };
}

