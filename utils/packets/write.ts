/**
 * Writing a packet: records as the store keeps them (minus where each came from), in a fixed
 * order, hashed, signed and written as canonical JSON. The same data and the same key give
 * the same bytes (canonical JSON, Ed25519 is deterministic).
 */
import type { AckAnnotation, Annotation } from '../model/types';
import { canonicalJson } from './canonical';
import { hashBody, sign, type Signer } from './crypto';
import { PACKET_FORMAT, PACKET_TYPE, type Packet, type PacketBody, type PacketRecord } from './format';

export type PacketDraft = Omit<PacketBody, 'type' | 'format' | 'annotations' | 'acknowledgements'> & {
  readonly records: readonly Annotation[];
};

/** Time order, then id (code units): the order every packet lists its records in. */
const packetOrder = (a: Annotation, b: Annotation) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function strip<A extends Annotation>(record: A): PacketRecord<A> {
  const { source: _source, ...rest } = record;
  return rest;
}

/** The hashed part of a packet: envelope fields and records. */
export function packetBody(draft: PacketDraft): PacketBody {
  const { records, ...envelope } = draft;
  const sorted = [...records].sort(packetOrder);
  return {
    type: PACKET_TYPE,
    format: PACKET_FORMAT,
    ...envelope,
    annotations: sorted.filter((r): r is Exclude<Annotation, AckAnnotation> => r.kind !== 'ack').map(strip),
    acknowledgements: sorted.filter((r): r is AckAnnotation => r.kind === 'ack').map(strip),
  };
}

export async function writePacket(draft: PacketDraft, signer: Signer): Promise<{ packet: Packet; text: string }> {
  const body = packetBody(draft);
  const hash = await hashBody(body);
  const packet: Packet = { ...body, hash, signature: await sign(signer, hash) };
  return { packet, text: `${canonicalJson(packet, 2)}\n` };
}
