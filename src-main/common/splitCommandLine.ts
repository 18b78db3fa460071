/**
 * Splits a command line typed as one string (`npx -y "@scope/server" --root '/my files'`)
 * into the program and its arguments, the way a POSIX shell splits words,
 * and nothing more: single quotes keep everything, double quotes keep all
 * but `\"` and `\\`, a backslash outside quotes escapes the next character.
 * No variables, globs, pipes or redirections: the words go to the program
 * as they are (it is started without a shell).
 */

/** The words of `line`; throws an Error naming the problem for an unclosed quote or a trailing backslash. */
export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new Error('The command ends with a lone backslash');
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== null) throw new Error(`The command has an unclosed ${quote === '"' ? 'double' : 'single'} quote`);
  if (inWord) words.push(word);
  return words;
}
