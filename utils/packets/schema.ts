/**
 * The packet's shape as valibot schemas: the envelope strictly (an unknown field is an
 * error), each record on its own (unknown fields are dropped; restore.ts decides what an
 * unknown kind means). Messages are plain words; read.ts says where they were found.
 * valibot because it runs under MV3's CSP (no `Function`) and one packet-sized schema
 * bundles to about 2 KB gzip (zod/mini ~8 KB, zod ~28 KB; arktype compiles with `Function`).
 */
import * as v from 'valibot';
import { TOOLS } from '../model/shape';
import { LIMITS, PACKET_FORMAT, PACKET_TYPE, SIGNATURE_ALG } from './format';

export const text = (max: number, what: string) =>
  v.pipe(v.string(`${what} must be text`), v.maxLength(max, `${what} is longer than ${max.toLocaleString('en')} characters`));
export const id = (what: string) =>
  v.pipe(v.string(`${what} must be text`), v.minLength(1, `${what} is empty`), v.maxLength(LIMITS.idChars, `${what} is longer than ${LIMITS.idChars} characters`));
export const number = (what: string, min: number, max: number) =>
  v.pipe(v.number(`${what} must be a number`), v.finite(`${what} must be a finite number`), v.minValue(min, `${what} must be at least ${min}`), v.maxValue(max, `${what} must be at most ${max.toLocaleString('en')}`));
export const whole = (what: string, min: number, max: number) => v.pipe(number(what, min, max), v.integer(`${what} must be a whole number`));
export const time = (what: string) => number(what, 0, LIMITS.maxTime);
const frame = (what: string) => v.nullable(whole(what, 0, LIMITS.maxFrame), undefined);
export const epochMs = (what: string) => whole(what, 0, 8.64e15);
export const flag = (what: string) => v.boolean(`${what} must be true or false`);

export const author = v.object({ id: id('the author id'), name: text(LIMITS.nameChars, 'the author name') }, 'the author must be an object');

const point = v.object(
  { x: number('a point', -1, 2), y: number('a point', -1, 2) },
  'a point must be an object with x and y',
);
const twoPoints = <T extends string>(tool: T) => v.object({ tool: v.literal(tool), from: point, to: point });

export const shapeSchema = v.variant(
  'tool',
  [
    v.object({ tool: v.literal('pen'), points: v.pipe(v.array(point, 'pen points must be a list'), v.minLength(1, 'a pen stroke has no points'), v.maxLength(LIMITS.penPoints, `a pen stroke has more than ${LIMITS.penPoints.toLocaleString('en')} points`)) }),
    twoPoints('line'),
    twoPoints('arrow'),
    twoPoints('rect'),
    twoPoints('ellipse'),
    v.object({ tool: v.literal('text'), at: point, text: text(LIMITS.labelChars, 'a label') }),
    v.object({ tool: v.literal('angle'), a: point, vertex: point, b: point }),
    twoPoints('angleToVertical'),
    twoPoints('angleToHorizontal'),
    v.object({
      tool: v.literal('stopwatch'),
      at: point,
      marks: v.pipe(
        v.array(v.object({ time: time('a stopwatch mark'), frame: frame('a stopwatch frame') }), 'stopwatch marks must be a list'),
        v.minLength(1, 'a stopwatch has no marks'),
        v.maxLength(LIMITS.stopwatchMarks, `a stopwatch has more than ${LIMITS.stopwatchMarks} marks`),
      ),
    }),
  ] satisfies { entries: { tool: v.LiteralSchema<keyof typeof TOOLS, undefined> } }[],
  `the drawing's tool is not one FrameCoach knows (${Object.keys(TOOLS).join(', ')})`,
);

const base = {
  id: id('the id'),
  videoId: id('the video id'),
  time: time('the time'),
  frame: frame('the frame'),
  author,
  createdAt: epochMs('createdAt'),
  updatedAt: epochMs('updatedAt'),
  version: whole('the version', 1, LIMITS.maxVersion),
  deleted: flag('deleted'),
};

export const commentSchema = v.object({
  ...base,
  kind: v.literal('comment'),
  text: text(LIMITS.commentChars, 'the comment'),
  endTime: v.nullable(time('the end time'), undefined),
  endFrame: frame('the end frame'),
  resolved: flag('resolved'),
  parentId: v.nullable(id('parentId'), undefined),
});

export const drawingSchema = v.object({
  ...base,
  kind: v.literal('drawing'),
  shape: shapeSchema,
  style: v.object({
    color: v.pipe(v.string('the colour must be text'), v.regex(/^#[0-9a-f]{6}$/i, 'the colour must be #rrggbb')),
    width: number('the stroke width', 0.5, 20),
  }),
  timing: v.object({
    holdSeconds: number('the hold', 0, 3600),
    fadeSeconds: number('the fade', 0, 3600),
    endTime: v.nullable(time('the end time'), undefined),
  }),
  commentId: v.nullable(id('commentId'), undefined),
});

export const ackSchema = v.object({ ...base, kind: v.literal('ack'), targetId: id('the comment acknowledged') });

export const base64url = (what: string, length: number) =>
  v.pipe(v.string(`${what} must be text`), v.regex(/^[A-Za-z0-9_-]+$/, `${what} is not base64url`), v.length(length, `${what} has the wrong length`));

export const senderSchema = v.strictObject(
  { id: id('the sender id'), name: text(LIMITS.nameChars, "the sender's name"), role: v.picklist(['coach', 'athlete'], "the sender's role must be coach or athlete") },
  (issue) => (issue.expected === 'never' ? `the sender has a field FrameCoach does not know (${issue.received})` : 'the sender must be an object'),
);

export const packetVideoSchema = v.strictObject(
  {
    id: id('the video id'),
    pageUrl: text(LIMITS.urlChars, 'the video address'),
    provider: text(40, 'the video provider'),
    title: text(LIMITS.titleChars, 'the video title'),
    duration: v.nullable(time('the video duration'), undefined),
    fps: v.nullable(number('the frame rate', 0.001, 10_000), undefined),
    width: v.nullable(whole('the picture width', 1, 100_000), undefined),
    height: v.nullable(whole('the picture height', 1, 100_000), undefined),
  },
  (issue) => (issue.expected === 'never' ? `the video has a field FrameCoach does not know (${issue.received})` : 'the video must be an object'),
);

export const publicKeySchema = v.strictObject(
  { kty: v.literal('OKP', 'the key must be OKP'), crv: v.literal('Ed25519', 'the key must be Ed25519'), x: base64url('the key', 43) },
  'the public key is malformed',
);

/** The envelope: every field known, nothing else. Records are checked one by one afterwards. */
export const envelopeSchema = v.strictObject(
  {
    type: v.literal(PACKET_TYPE, 'this is not a FrameCoach packet'),
    format: v.literal(PACKET_FORMAT, `FrameCoach reads packet format ${PACKET_FORMAT}`),
    id: id('the packet id'),
    revision: whole('the revision', 1, LIMITS.maxVersion),
    kind: v.picklist(['review', 'reply'], 'the packet kind must be review or reply'),
    inReplyTo: v.nullable(id('inReplyTo'), undefined),
    createdAt: epochMs('createdAt'),
    sender: senderSchema,
    recipient: v.nullable(text(LIMITS.nameChars, 'the recipient'), undefined),
    message: text(LIMITS.messageChars, 'the message'),
    video: packetVideoSchema,
    annotations: v.pipe(
      v.array(v.unknown(), 'annotations must be a list'),
      v.maxLength(LIMITS.annotations, `a packet holds at most ${LIMITS.annotations.toLocaleString('en')} comments and drawings`),
    ),
    acknowledgements: v.pipe(
      v.array(v.unknown(), 'acknowledgements must be a list'),
      v.maxLength(LIMITS.acknowledgements, `a packet holds at most ${LIMITS.acknowledgements.toLocaleString('en')} acknowledgements`),
    ),
    hash: v.pipe(v.string('the hash must be text'), v.regex(/^sha256:[0-9a-f]{64}$/, 'the hash must be sha256: and 64 hex digits')),
    signature: v.strictObject(
      {
        alg: v.literal(SIGNATURE_ALG, `the signature must be ${SIGNATURE_ALG}`),
        publicKey: publicKeySchema,
        value: base64url('the signature', 86),
      },
      (issue) => (issue.expected === 'never' ? `the signature has a field FrameCoach does not know (${issue.received})` : 'the signature must be an object'),
    ),
  },
  (issue) => (issue.expected === 'never' ? `the packet has a field FrameCoach does not know: ${issue.received}` : 'the packet must be a JSON object'),
);

export type Envelope = v.InferOutput<typeof envelopeSchema>;
