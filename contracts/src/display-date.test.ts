import { describe, expect, it } from 'vitest';
import { displayDateRange, rangeAgreeingWith } from './display-date';

/** Display dates as the sources in collections.md write them, English and Dutch (issue 15, defect 7). */
describe('displayDateRange', () => {
  it.each([
    ['1889', 1889, 1889],
    ['ca. 1628 - ca. 1629', 1628, 1629],
    ['c. 1628 - c. 1629', 1628, 1629],
    ['ca. 1870–75', 1870, 1875],
    ['c. 1432/1435', 1432, 1435],
    ['1656-1660', 1656, 1660],
    ['22 Apr 1958', 1958, 1958],
    ['1889-06-15', 1889, 1889],
    ['1628-01-01T00:00:00Z', 1628, 1628],
    ['1850s', 1850, 1859],
    ["1920's", 1920, 1929],
    ['jaren 1650', 1650, 1659],
    ['19th century', 1800, 1899],
    ['17de eeuw', 1600, 1699],
    ['17e eeuw', 1600, 1699],
    ['first half of the 17th century', 1600, 1649],
    ['eerste helft 17de eeuw', 1600, 1649],
    ['tweede helft 16de eeuw', 1550, 1599],
    ['late 19th century', 1867, 1899],
    ['500–400 BC', -500, -400],
    ['44 BC', -44, -44],
    ['5th century BCE', -500, -401],
    ['Edo period (1615–1868)', 1615, 1868],
    ['omstreeks 1665', 1665, 1665],
    // The collection sample (shared/collection-sample/works.json), as its curators wrote them.
    ['c. 1830–1832', 1830, 1832],
    ['1887–88', 1887, 1888],
    ['1887-88', 1887, 1888],
    ['1875–80', 1875, 1880],
    ['c. 1805–1810', 1805, 1810],
    ['1884–86, border added 1888–89', 1884, 1889],
    ['1893 (probable; see notes)', 1893, 1893],
    ['1565', 1565, 1565],
    // Museum APIs' fixtures: the Met's objectDate, Cleveland's creation_date, SMK's period, Europeana time spans.
    ['c. 1550–1650', 1550, 1650],
    ['1479-1537', 1479, 1537],
    ['1950s', 1950, 1959],
    ['20de eeuw', 1900, 1999],
    ['First half of the 19th century', 1800, 1849],
    ['5th decade of the 19th century', 1840, 1849],
    // Forms the sources' documentation and catalogues use, English and Dutch.
    ['ca. 1665', 1665, 1665],
    ['circa 1665', 1665, 1665],
    ['c.1665', 1665, 1665],
    ['ca.1665', 1665, 1665],
    ['1620-1625', 1620, 1625],
    ['1620 - 1625', 1620, 1625],
    ['circa 1665-1670', 1665, 1670],
    ['tussen 1620 en 1625', 1620, 1625],
    ['1660 of 1665', 1660, 1665],
    ['16th–17th century', 1500, 1699],
    ['16de-17de eeuw', 1500, 1699],
    ['seventeenth century', 1600, 1699],
    ['zeventiende eeuw', 1600, 1699],
    ['XVIIe eeuw', 1600, 1699],
    ['XIX century', 1800, 1899],
    ['before 1600', 1550, 1600],
    ['vóór 1600', 1550, 1600],
    ['voor ca. 1600', 1550, 1600],
    ['after 1650', 1650, 1700],
    ['na 1650', 1650, 1700],
    ['1889-06', 1889, 1889],
  ])('%j → %i–%i', (display, start, end) => {
    expect(displayDateRange(display)).toEqual({ dateStart: start, dateEnd: end });
  });

  it.each([null, '', 'undated', 'zonder datum', 'n.d.'])('%j → no range', (display) => {
    expect(displayDateRange(display)).toEqual({ dateStart: null, dateEnd: null });
  });
});

describe('rangeAgreeingWith', () => {
  it('keeps a structured range that contains the display date, else the display date wins', () => {
    expect(rangeAgreeingWith('22 Apr 1958', { dateStart: 1950, dateEnd: 1959 })).toEqual({ dateStart: 1950, dateEnd: 1959 });
    // Smithsonian: shown "1919", indexed as the 1920s.
    expect(rangeAgreeingWith('1919', { dateStart: 1920, dateEnd: 1929 })).toEqual({ dateStart: 1919, dateEnd: 1919 });
    expect(rangeAgreeingWith('1919', { dateStart: null, dateEnd: null })).toEqual({ dateStart: 1919, dateEnd: 1919 });
    expect(rangeAgreeingWith('undated', { dateStart: 1600, dateEnd: 1610 })).toEqual({ dateStart: 1600, dateEnd: 1610 });
  });
});
