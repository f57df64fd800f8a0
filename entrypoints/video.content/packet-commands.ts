/**
 * The packet commands' side in the page: send and report dialogs, the "is it this video?"
 * offer of a received packet, and the layers (mine, each sender's). The overlay's buttons run
 * these commands with their packet or author; the palette offers the same and asks which.
 */
import { layerLabel, layersOf } from '../../utils/annotations/layers';
import type { PacketActions } from '../../utils/commands/context';
import { fileSize } from '../../utils/report/file-size';
import type { Attached } from './attach';

const day = (ms: number) => new Date(ms).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

export function packetActions(attached: () => Attached | null): PacketActions {
  const need = () => {
    const a = attached();
    if (!a) throw new Error('No video attached');
    return a;
  };
  return {
    send: () => attached()?.sender.open(),
    closeSend: () => attached()?.sender.close(),
    // What goes wrong in the dialogs (a full disk, a clipboard refused) is said in the dialog.
    savePacket: async () => void (await need().sender.send()),
    copyPacketText: async () => void (await need().sender.copyShareText()),
    report: () => attached()?.reporter.open(),
    closeReport: () => attached()?.reporter.close(),
    writeReport: async (blank) => void (await need().reporter.make(blank)),
    cancelReport: () => need().reporter.cancel(),
    allowCapture: () => need().reporter.askPermission(),
    reportFiles: () =>
      (attached()?.reporter.state.get().files ?? []).map((f) => ({ value: f.filename, label: f.filename, detail: fileSize(f.bytes) })),
    saveReportFile(filename) {
      const reporter = need().reporter;
      if (!reporter.state.get().files?.some((f) => f.filename === filename)) throw new Error(`The report has no file "${filename}"`);
      reporter.save(filename);
    },
    offers: () =>
      (attached()?.annotations.state.get().candidates ?? []).map((p) => ({
        value: p.videoId,
        label: `${p.sender.name || 'Someone'}’s feedback of ${day(p.createdAt)}`,
        detail: p.video.title || 'a video',
      })),
    async attach(packetVideoId) {
      const a = need();
      if (!a.annotations.state.get().candidates.some((p) => p.videoId === packetVideoId)) throw new Error('That packet is not waiting for a video');
      await a.followed.attach(packetVideoId);
    },
    dismiss(packetVideoId) {
      need().followed.dismiss(packetVideoId);
    },
    layers() {
      const s = attached()?.annotations.state.get();
      if (!s) return [];
      return layersOf(s.records, s.me, s.packets, s.hidden).map((l) => ({
        value: l.authorId,
        label: layerLabel(l),
        detail: `${l.hidden ? 'hidden' : 'shown'} · ${l.count}`,
      }));
    },
    toggleLayer(authorId) {
      const a = need();
      const s = a.annotations.state.get();
      if (!layersOf(s.records, s.me, s.packets, s.hidden).some((l) => l.authorId === authorId)) throw new Error('Nobody by that name wrote on this video');
      a.annotations.toggleLayer(authorId);
    },
  };
}
