import { describe, expect, it } from 'vitest';
import type { DigitalHuman, Member, Room } from '../../../src-main/common/contract';
import { auditNames, describeResource } from './auditNames';

const members: Member[] = [
  { id: 'u1', kind: 'user', displayName: 'Ada', handle: 'ada' },
  { id: 'dh1', kind: 'dh', displayName: 'philippe', handle: 'philippe' },
];
const dhs = [
  { id: 'dh1', name: 'Philippe', archived: false },
  { id: 'dh2', name: 'Juno', archived: true },
] as DigitalHuman[];
const rooms = [
  { id: 'r1', kind: 'channel', name: 'launch', memberIds: ['u1', 'dh1'] },
  { id: 'r2', kind: 'dm', name: '', memberIds: ['u1', 'dh1'] },
] as Room[];

describe('audit names', () => {
  const names = auditNames(members, dhs, rooms, (name) => `${name} (archived)`);

  it('names actors by their profile, marking archived digital humans', () => {
    expect(names.actors.get('dh1')).toBe('Philippe');
    expect(names.actors.get('dh2')).toBe('Juno (archived)');
    expect(names.actors.get('u1')).toBe('Ada');
  });

  it('shows rooms and digital humans of a resource by name, and unknown ids as they are', () => {
    expect(describeResource('room/r1', names)).toBe('room/#launch');
    expect(describeResource('room/r2', names)).toBe('room/Ada, Philippe');
    expect(describeResource('dh/dh1/memories/m1', names)).toBe('dh/Philippe/memories/m1');
    expect(describeResource('dh/gone/tasks', names)).toBe('dh/gone/tasks');
    expect(describeResource('task/t1', names)).toBe('task/t1');
  });
});
