import { describe, expect, it } from 'vitest';
import { CsvError, csvRecords, parseCsv } from './csv';

describe('parseCsv (RFC 4180)', () => {
  it('reads bare and quoted fields, commas and escaped quotes inside quotes', () => {
    expect(parseCsv('a,b,c\n1,"two, three","say ""hi"""\n')).toEqual([['a', 'b', 'c'], ['1', 'two, three', 'say "hi"']]);
  });

  it('keeps line breaks inside quotes and accepts CRLF, LF and no final line break', () => {
    expect(parseCsv('t,d\r\n"Still life","line one\r\nline two"\r\nx,')).toEqual([['t', 'd'], ['Still life', 'line one\r\nline two'], ['x', '']]);
  });

  it('drops a UTF-8 BOM and blank lines, keeps empty fields', () => {
    expect(parseCsv('\uFEFFid,title\n\n1,,\n')).toEqual([['id', 'title'], ['1', '', '']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('refuses an unclosed quote and a quote inside a bare field, naming the line', () => {
    expect(() => parseCsv('a\n"open\nstill open')).toThrow(new CsvError('unclosed quote in the field that starts on line 2'));
    expect(() => parseCsv('a\nb"c')).toThrow(/line 2/);
    expect(() => parseCsv('"a"b')).toThrow(CsvError);
  });
});

describe('csvRecords', () => {
  it('keys rows by the trimmed, lower-case header and fills short rows', () => {
    expect(csvRecords('\uFEFFId, Title ,Date\n1,"Nachtwacht, De"\n')).toEqual([{ id: '1', title: 'Nachtwacht, De', date: '' }]);
  });
});
