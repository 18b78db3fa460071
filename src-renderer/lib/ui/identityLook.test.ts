import { describe, expect, it } from 'vitest';
import { WORKSPACE_PALETTE } from '../../features/workspaces/workspacePalette';
import { contrastRatio, identityLook, nameColor } from './identityLook';

describe('identityLook', () => {
  it('gives a name the same colour and initials every time', () => {
    expect(identityLook('Ada Veyra')).toEqual(identityLook('Ada Veyra'));
    expect(identityLook('Ada Veyra').initials).toBe('AV');
    expect(identityLook('Ada Veyra').background).toBe(nameColor('Ada Veyra'));
  });

  it('uses a chosen colour, and ignores one that is not a colour', () => {
    expect(identityLook('Nova', '#0090ff').background).toBe('#0090ff');
    expect(identityLook('Nova', 'red; background: url(x)').background).toBe(nameColor('Nova'));
  });

  it('draws initials at 4.5:1 or better on every palette colour', () => {
    for (const { hex } of WORKSPACE_PALETTE) {
      const look = identityLook('X', hex);
      expect({ hex, ratio: contrastRatio(look.foreground, look.background) >= 4.5 }).toEqual({ hex, ratio: true });
    }
    expect(identityLook('X', '#f76b15').foreground).toBe('#111318');
    expect(identityLook('X', '#5b5bd6').foreground).toBe('#ffffff');
  });
});
