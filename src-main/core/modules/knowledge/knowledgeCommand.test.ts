import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimalPdf } from '../../../../tests/fixtures/minimalPdf';
import { runCliInProcess, type CliRun } from '../../../../tests/fixtures/runCliInProcess';
import { makeTempDir } from '../../../../tests/fixtures/tempDir';
import type { DigitalHuman, KnowledgeDocument, KnowledgeSnippet, Workspace } from '../../../common/contract';

function cli(dataDir: string, ...argv: string[]): Promise<CliRun> {
  return runCliInProcess(dataDir, argv);
}

describe('qwanyx knowledge', () => {
  it('imports files into a workspace and a digital human, lists, searches and deletes', async () => {
    const dir = makeTempDir();
    const ws = (JSON.parse((await cli(dir, 'workspace', 'create', 'Acme Corp', '--json')).out[0]!) as Workspace).id;
    const dh = JSON.parse((await cli(dir, 'dh', 'create', '--workspace', ws, '--name', 'Ada', '--handle', 'ada', '--json')).out[0]!) as DigitalHuman;
    const md = path.join(dir, 'pricing.md');
    fs.writeFileSync(md, '# Pricing\n\n## Support plans\n\nThe gold plan includes phone support around the clock.\n');
    const html = path.join(dir, 'faq.html');
    fs.writeFileSync(html, '<html><head><title>FAQ</title><script>steal()</script></head><body><h1>FAQ</h1><p>Refunds are processed on Fridays.</p></body></html>');
    const pdf = path.join(dir, 'contract.pdf');
    fs.writeFileSync(pdf, minimalPdf([[{ text: 'Master agreement', size: 18 }, 'Either party may terminate with 90 days notice.']]));
    const bad = path.join(dir, 'photo.png');
    fs.writeFileSync(bad, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));

    const imported = await cli(dir, 'knowledge', 'import', '--workspace', 'Acme Corp', md, html, bad);
    expect(imported.code).toBe(1);
    expect(imported.out).toHaveLength(2);
    expect(imported.out[0]).toMatch(/^\S+ {2}Pricing {2}pricing\.md {2}\d+ B {2}1 passage {2}.+ {2}\d{4}-\d\d-\d\d$/);
    expect(imported.err.join('\n')).toContain('photo.png: photo.png: this type of file cannot be imported');
    expect(imported.err.at(-1)).toBe('qwanyx: 2 of 3 files imported');
    const forDh = await cli(dir, 'knowledge', 'import', '--workspace', ws, '--dh', '@ada', pdf, '--json');
    expect(forDh.code, forDh.err.join()).toBe(0);
    const [contract] = JSON.parse(forDh.out[0]!) as KnowledgeDocument[];
    expect(contract).toMatchObject({ scope: dh.id, title: 'Master agreement', pages: 1 });

    const all = await cli(dir, 'knowledge', 'list', '--workspace', ws, '--json');
    expect((JSON.parse(all.out[0]!) as KnowledgeDocument[]).map((d) => d.fileName).sort()).toEqual(['contract.pdf', 'faq.html', 'pricing.md']);
    const onlyDh = await cli(dir, 'knowledge', 'list', '--workspace', ws, '--dh', 'ada');
    expect(onlyDh.out).toHaveLength(1);
    expect(onlyDh.out[0]).toContain('contract.pdf');

    const search = await cli(dir, 'knowledge', 'search', '--workspace', ws, '--query', 'phone support plan');
    expect(search.out[0]).toBe('pricing.md › Pricing › Support plans');
    expect(search.out[1]).toBe('    Support plans The gold plan includes phone support around the clock.');
    const notice = await cli(dir, 'knowledge', 'search', '--workspace', ws, '--dh', 'ada', '--query', 'termination notice', '--k', '1', '--json');
    expect((JSON.parse(notice.out[0]!) as KnowledgeSnippet[]).map((s) => s.source)).toEqual(['contract.pdf › Master agreement, p. 1']);
    expect((await cli(dir, 'knowledge', 'search', '--workspace', ws, '--query', 'termination notice')).out).toEqual(['Nothing found.']);

    const deleted = await cli(dir, 'knowledge', 'delete', '--workspace', ws, contract!.id);
    expect(deleted.out).toEqual([`Deleted ${contract!.id}`]);
    expect((await cli(dir, 'knowledge', 'list', '--workspace', ws, '--dh', 'ada')).out).toEqual(['No documents.']);
    const again = await cli(dir, 'knowledge', 'delete', '--workspace', ws, contract!.id);
    expect(again).toMatchObject({ code: 1, err: ['qwanyx: No such document'] });
    expect((await cli(dir, 'knowledge', 'search', '--workspace', ws, '--k', '99', '--query', 'x')).code).toBe(2);
  });
});
