/**
 * How an exported packet is named and announced: a file name from the video, the recipient
 * and the date (safe on every file system), and a short text for a chat message.
 */
import { FILE_SUFFIX, type Packet } from '../packets/format';

/** Lower-case words joined by dashes; nothing a file system or a shell would mind. */
export function slug(text: string, max = 40): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return words.slice(0, max).replace(/-+$/, '');
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** e.g. `stride-review-for-sam-2026-12-01.framecoach.json`; a reply says `reply-from-<sender>`. */
export function packetFilename(packet: Pick<Packet, 'kind' | 'video' | 'recipient' | 'sender' | 'createdAt'>): string {
  const title = slug(packet.video.title) || 'video';
  const who = packet.kind === 'reply' ? `reply-from-${slug(packet.sender.name) || 'athlete'}` : packet.recipient ? `for-${slug(packet.recipient)}` : 'review';
  return `${title}-${who}-${day(packet.createdAt)}${FILE_SUFFIX}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A few lines to paste into a chat with the file. */
export function shareText(
  packet: Pick<Packet, 'kind' | 'video' | 'message' | 'sender'>,
  counts: { comments: number; replies: number; drawings: number; acknowledgements: number },
): string {
  const held = [
    counts.comments && plural(counts.comments, 'comment'),
    counts.replies && plural(counts.replies, 'reply').replace('replys', 'replies'),
    counts.drawings && plural(counts.drawings, 'drawing'),
    counts.acknowledgements && plural(counts.acknowledgements, 'acknowledgement'),
  ].filter(Boolean);
  const lines = [
    `${packet.kind === 'reply' ? 'Reply' : 'Feedback'} from ${packet.sender.name} on “${packet.video.title || 'a video'}”`,
    packet.video.pageUrl,
    packet.message,
    `${held.join(', ') || 'nothing new'} — open the attached .framecoach.json file with FrameCoach.`,
  ];
  return lines.filter((line) => line.trim()).join('\n');
}
