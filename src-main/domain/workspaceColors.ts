/** The palette offered for workspaces; new workspaces take the next colour in turn. */
export const WORKSPACE_COLORS: readonly string[] = [
  '#5b5bd6',
  '#0d9488',
  '#e5484d',
  '#f76b15',
  '#ad7f00',
  '#30a46c',
  '#0090ff',
  '#8e4ec6',
  '#d6409f',
  '#647084',
];

/** Colour for the n-th workspace created. */
export function pickWorkspaceColor(index: number): string {
  return WORKSPACE_COLORS[index % WORKSPACE_COLORS.length]!;
}
