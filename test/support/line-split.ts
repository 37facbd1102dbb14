// Reference line and column of an offset, found the slow way (a regular expression over every line
// break: LF, CRLF, lone CR), for tests of the scanner's fast position code.

/** 1-based line and column (UTF-16 code units) of offset o in text. */
export function refPosition(text: string, o: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m && m.index + m[0].length <= o; m = re.exec(text)) {
    line++;
    lineStart = m.index + m[0].length;
  }
  return { line, column: o - lineStart + 1 };
}
