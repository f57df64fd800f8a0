import { describe, expect, it } from 'vitest';
import { layerLabel, layersOf } from '../../utils/annotations/layers';
import { remove } from '../../utils/model/mutate';
import { athlete, athleteReply, coach, coachRecords } from './packet-fixtures';

describe('layersOf', () => {
  it('mine first, then each other author with their latest packet date and count (tombstones left out)', () => {
    const records = [...coachRecords(), ...athleteReply(), remove(athleteReply()[1]!, 9)];
    const packets = [
      { sender: { ...coach, role: 'coach' as const }, createdAt: Date.UTC(2026, 11, 1) },
      { sender: { ...coach, role: 'coach' as const }, createdAt: Date.UTC(2026, 10, 20) },
    ];
    const layers = layersOf(records, athlete, packets, new Set([coach.id]));
    expect(layers).toEqual([
      { authorId: athlete.id, name: 'Sam', mine: true, hidden: false, count: 2, packetDate: null },
      { authorId: coach.id, name: 'Coach Ana', mine: false, hidden: true, count: 7, packetDate: Date.UTC(2026, 11, 1) },
    ]);
    expect(layerLabel(layers[0]!)).toBe('Mine');
    expect(layerLabel(layers[1]!, 'en-GB')).toBe('Coach Ana · 1 Dec');
  });

  it('no records, no layers', () => {
    expect(layersOf([], athlete, [], new Set())).toEqual([]);
  });
});
