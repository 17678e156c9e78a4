// report --candidate's strengths and gaps: subtopics by title, counts in one column whatever the script.
import { describe, expect, it } from 'vitest';
import { subtopicLines } from '../../../src/commands/hiring/report.js';
import { displayWidth } from '../../../src/ui/text.js';

const titles = { sql: 'SQL, hands-on', db: 'データベース' };
const subtopicTitles = { 'sql/joins': 'Inner and outer joins', 'db/index': '索引' };

describe('subtopicLines', () => {
  it('names subtopics by title with the domain title, counts lined up across both lists', () => {
    const [strengths, gaps] = subtopicLines(
      [
        [{ domain: 'sql', tag: 'joins', correct: 3, total: 4 }],
        [
          { domain: 'db', tag: 'index', correct: 0, total: 2 },
          { domain: 'gone', tag: 'old-tag', correct: 1, total: 3 },
        ],
      ],
      titles,
      subtopicTitles,
    );
    expect(strengths).toEqual(['  Inner and outer joins (SQL, hands-on)  3/4']);
    expect(gaps![0]).toMatch(/^ {2}索引 \(データベース\) +0\/2$/);
    // A subtopic the banks no longer have keeps its id and its domain id.
    expect(gaps![1]).toMatch(/^ {2}old-tag \(gone\) +1\/3$/);
    const lines = [...strengths!, ...gaps!];
    expect(new Set(lines.map((l) => displayWidth(l.replace(/\d+\/\d+$/, ''))))).toHaveLength(1);
  });

  it('cuts a very long title with … so the counts stay in their column', () => {
    const long = { 'sql/joins': 'x'.repeat(200) };
    const [lines] = subtopicLines([[{ domain: 'sql', tag: 'joins', correct: 1, total: 1 }]], titles, long);
    expect(lines![0]).toContain('…');
    expect(displayWidth(lines![0]!)).toBeLessThanOrEqual(2 + 56 + 2 + 3);
  });

  it('gives empty lists for no subtopics', () => {
    expect(subtopicLines([[], []], titles, subtopicTitles)).toEqual([[], []]);
  });
});
