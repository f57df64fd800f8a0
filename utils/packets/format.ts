/**
 * The feedback packet (`*.framecoach.json`): what a coach sends an athlete and the athlete
 * sends back. Documented in docs/packet-format.md; validated by schema.ts; read by read.ts;
 * written by write.ts.
 */
import type { AckAnnotation, Annotation } from '../model/types';

export const PACKET_TYPE = 'framecoach.packet';
export const PACKET_FORMAT = 1;
/** Ed25519: deterministic, so the same packet signs to the same bytes (ECDSA's would differ each time). */
export const SIGNATURE_ALG = 'Ed25519';
export const FILE_SUFFIX = '.framecoach.json';

/** What a packet may hold; anything bigger is refused before it is read further. */
export const LIMITS = {
  /** Characters of the file (JSON), or of the packet inside an HTML report. */
  fileChars: 25_000_000,
  /** Characters of an HTML report that carries a packet. */
  htmlChars: 60_000_000,
  annotations: 20_000,
  acknowledgements: 20_000,
  idChars: 200,
  nameChars: 200,
  messageChars: 2_000,
  commentChars: 10_000,
  labelChars: 2_000,
  titleChars: 500,
  urlChars: 4_000,
  penPoints: 10_000,
  stopwatchMarks: 1_000,
  /** Seconds: a week of video. */
  maxTime: 7 * 24 * 3600,
  maxFrame: 100_000_000,
  maxVersion: 1_000_000_000,
} as const;

export type SenderRole = 'coach' | 'athlete';
export type PacketKind = 'review' | 'reply';

export interface PacketSender {
  readonly id: string;
  readonly name: string;
  readonly role: SenderRole;
}

/** Which video the annotations are on, and enough about it to find and check it. */
export interface PacketVideo {
  /** Canonical id (utils/identity): `youtube:…`, `drive:…`, `url:…`. */
  readonly id: string;
  readonly pageUrl: string;
  /** `youtube`, `drive`, `vimeo` or `web` (the id's prefix). */
  readonly provider: string;
  readonly title: string;
  readonly duration: number | null;
  readonly fps: number | null;
  readonly width: number | null;
  readonly height: number | null;
}

export interface PacketSignature {
  readonly alg: typeof SIGNATURE_ALG;
  /** The sender's public key (JWK, OKP Ed25519: x only). */
  readonly publicKey: { readonly kty: 'OKP'; readonly crv: 'Ed25519'; readonly x: string };
  /** base64url of the Ed25519 signature (64 bytes) of the UTF-8 bytes of `hash`. */
  readonly value: string;
}

/** A record as it travels: as the store keeps it, minus where it came from (set on import). */
export type PacketRecord<A extends Annotation = Annotation> = Omit<A, 'source'>;

export interface Packet {
  readonly type: typeof PACKET_TYPE;
  readonly format: typeof PACKET_FORMAT;
  /** Stable across revisions of the same review. */
  readonly id: string;
  /** 1, 2, …: a re-export after changes is the next revision of the same packet. */
  readonly revision: number;
  readonly kind: PacketKind;
  /** The packet this one answers (a reply to a review), or null. */
  readonly inReplyTo: string | null;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly sender: PacketSender;
  readonly recipient: string | null;
  readonly message: string;
  readonly video: PacketVideo;
  /** Comments and drawings (tombstones included), in time order, then id. */
  readonly annotations: readonly PacketRecord<Exclude<Annotation, AckAnnotation>>[];
  readonly acknowledgements: readonly PacketRecord<AckAnnotation>[];
  /** `sha256:` + hex of SHA-256 over the canonical JSON of every other field but `signature`. */
  readonly hash: string;
  readonly signature: PacketSignature;
}

/** The part the hash covers. */
export type PacketBody = Omit<Packet, 'hash' | 'signature'>;
