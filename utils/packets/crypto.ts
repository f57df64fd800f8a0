/**
 * Hashing and signing with WebCrypto (the background, extension pages and Node all have it).
 * A content hash tells a damaged file; a signature by a key pair each installation makes for
 * itself (Ed25519) tells whether a packet comes from the same sender as earlier ones with that name.
 */
import { canonicalJson } from './canonical';
import type { PacketBody, PacketSignature } from './format';
import { SIGNATURE_ALG } from './format';

const ED25519 = { name: 'Ed25519' } as const;

export type PublicKeyJwk = PacketSignature['publicKey'];

const subtle = () => globalThis.crypto.subtle;
const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

export function toBase64url(bytes: ArrayBuffer | Uint8Array): string {
  const array = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (const b of array) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** `sha256:` + hex over the canonical JSON of the body (everything but hash and signature). */
export async function hashBody(body: PacketBody | Record<string, unknown>): Promise<string> {
  return `sha256:${hex(await subtle().digest('SHA-256', utf8(canonicalJson(body))))}`;
}

export interface Signer {
  readonly privateKey: CryptoKey;
  readonly publicKey: PublicKeyJwk;
}

/**
 * A new key pair. The private key stays in the background's database, out of every page's
 * reach; it can be read out only into a backup (a coach's next machine must sign as this one,
 * or athletes would refuse its packets).
 */
export async function newSigner(): Promise<Signer> {
  const pair = (await subtle().generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const { x } = await subtle().exportKey('jwk', pair.publicKey);
  if (!x) throw new Error('the new key has no public part');
  return { privateKey: pair.privateKey, publicKey: { kty: 'OKP', crv: 'Ed25519', x } };
}

/** The private part (JWK `d`) for a backup, or null for a key made before backups, which can't be read out. */
export async function exportPrivate(signer: Signer): Promise<string | null> {
  if (!signer.privateKey.extractable) return null;
  const { d } = await subtle().exportKey('jwk', signer.privateKey);
  return d ?? null;
}

/** A key pair from a backup; throws unless the private part signs what the public part verifies. */
export async function importSigner(publicKey: PublicKeyJwk, d: string): Promise<Signer> {
  const mismatch = new Error('the signing key in the backup does not match its public part');
  let signer: Signer;
  try {
    // Some browsers check the pair here; the probe below checks it everywhere.
    signer = { privateKey: await subtle().importKey('jwk', { ...publicKey, d, ext: true }, ED25519, true, ['sign']), publicKey };
  } catch {
    throw mismatch;
  }
  const probe = await sign(signer, 'framecoach-backup-key-check');
  if (!(await verify(probe, 'framecoach-backup-key-check'))) throw mismatch;
  return signer;
}

export async function sign(signer: Signer, hash: string): Promise<PacketSignature> {
  const value = await subtle().sign(ED25519, signer.privateKey, utf8(hash));
  return { alg: SIGNATURE_ALG, publicKey: signer.publicKey, value: toBase64url(value) };
}

/** True when `signature` is `publicKey`'s signature of `hash`; false for anything else, never throws. */
export async function verify(signature: PacketSignature, hash: string): Promise<boolean> {
  try {
    const key = await subtle().importKey('jwk', { ...signature.publicKey, ext: true }, ED25519, false, ['verify']);
    return await subtle().verify(ED25519, key, fromBase64url(signature.value), utf8(hash));
  } catch {
    return false;
  }
}

/** A short, readable name for a public key: the first 16 hex digits of its SHA-256, in fours. */
export async function fingerprint(key: PublicKeyJwk): Promise<string> {
  const digest = hex(await subtle().digest('SHA-256', fromBase64url(key.x)));
  return digest.slice(0, 16).match(/.{4}/g)!.join(' ');
}
