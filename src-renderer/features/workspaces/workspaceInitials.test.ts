import { describe, expect, it } from 'vitest';
import { workspaceInitials } from './workspaceInitials';
import { contrastRatio } from '../../lib/ui/readableText';
import { suggestColor, textColorOn, WORKSPACE_PALETTE } from './workspacePalette';

describe('workspaceInitials', () => {
  it('takes the first letter of the first two words', () => {
    expect(workspaceInitials('Acme Corp')).toBe('AC');
    expect(workspaceInitials('acme corporation international')).toBe('AC');
    expect(workspaceInitials('Personal')).toBe('P');
  });

  it('keeps accented letters and ignores leading punctuation', () => {
    expect(workspaceInitials('élan (vital)')).toBe('ÉV');
    expect(workspaceInitials('  "Big" - deal ')).toBe('BD');
  });

  it('never returns an empty badge', () => {
    expect(workspaceInitials('---')).toBe('?');
  });
});

describe('workspace colours', () => {
  it('suggests a colour not used yet, then the least used one', () => {
    const first = WORKSPACE_PALETTE[0]?.hex ?? '';
    const second = WORKSPACE_PALETTE[1]?.hex ?? '';
    expect(suggestColor([])).toBe(first);
    expect(suggestColor([first.toUpperCase()])).toBe(second);
    const all = WORKSPACE_PALETTE.map((c) => c.hex);
    expect(suggestColor([...all, ...all.slice(1)])).toBe(first);
  });

  it('picks text that reads at 4.5:1 on light and dark colours', () => {
    expect(textColorOn('#ffffff')).toBe('#111318');
    expect(textColorOn('#fde047')).toBe('#111318');
    expect(textColorOn('#1c1e26')).toBe('#ffffff');
    for (const { hex } of WORKSPACE_PALETTE) expect(contrastRatio(textColorOn(hex), hex)).toBeGreaterThanOrEqual(4.5);
  });
});
