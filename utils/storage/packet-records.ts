/**
 * What the database keeps about packets (schema v3): the inbox and outbox entries, this
 * installation's signing key, the keys seen per sender name, and video aliases.
 */
import type { PacketKind, PacketSender, PacketSignature, PacketVideo } from '../packets/format';

/** Same sender as before? By the key that signed the packet and the name it carries. */
export type SenderStatus = 'own' | 'first' | 'same' | 'different';

export interface ImportCounts {
  readonly comments: number;
  readonly replies: number;
  readonly drawings: number;
  readonly acknowledgements: number;
  readonly removed: number;
}

export interface PacketEntry {
  /** `received:<sender id>:<packet id>` or `sent:<kind>:<video id>` (one outgoing packet per video and kind). */
  readonly key: string;
  readonly direction: 'received' | 'sent';
  readonly packetId: string;
  readonly revision: number;
  readonly kind: PacketKind;
  readonly inReplyTo: string | null;
  readonly sender: PacketSender;
  readonly recipient: string | null;
  readonly message: string;
  /** The packet's video id as written in it. */
  readonly videoId: string;
  readonly video: PacketVideo;
  /** When the packet was made (its createdAt). */
  readonly createdAt: number;
  /** When it was last imported or exported here. */
  readonly updatedAt: number;
  readonly hash: string;
  readonly fingerprint: string;
  readonly senderStatus: SenderStatus;
  /** What the packet holds (sent) or what its last import brought (received). */
  readonly counts: ImportCounts;
  /** Received: records it brought that the user has not seen yet. */
  readonly unread: readonly string[];
  /** Sent: hash of what the last export held, so an unchanged re-export keeps its revision and bytes. */
  readonly contentHash: string | null;
}

export interface SignerRecord {
  readonly id: 'signer';
  /** Only the background reaches it; extractable (since backups) so a backup can carry it. Older ones are not. */
  readonly privateKey: CryptoKey;
  readonly publicKey: PacketSignature['publicKey'];
  readonly createdAt: number;
}

export interface KnownSender {
  /** The name, trimmed and lower-cased. */
  readonly name: string;
  readonly displayName: string;
  /** Fingerprints of the keys that signed packets carrying this name. */
  readonly fingerprints: readonly string[];
  readonly firstSeen: number;
}

/** The key an author signs with: the first one seen on a packet from them. */
export interface SignerBinding {
  readonly authorId: string;
  readonly fingerprint: string;
  readonly name: string;
  readonly firstSeen: number;
}

export interface VideoAlias {
  /** The packet's video id. */
  readonly from: string;
  /** The video here it was attached to. */
  readonly to: string;
  readonly createdAt: number;
}
