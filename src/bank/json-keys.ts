// JSON.parse keeps the last of two equal keys; a result file that says two things must be refused instead.
// One linear scan of text that JSON.parse already accepted: a Set of keys per object.

export interface DuplicateKey {
  key: string;
  line: number;
  column: number;
}

/** The first key that appears twice in one object of valid JSON `text`, located where it repeats. */
export function findDuplicateJsonKey(text: string): DuplicateKey | undefined {
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      stack.push(new Set());
      expectKey = true;
    } else if (c === '[') {
      stack.push(null);
      expectKey = false;
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      expectKey = stack[stack.length - 1] instanceof Set;
    } else if (c === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (!expectKey) continue;
      expectKey = false;
      const key = JSON.parse(text.slice(start, i + 1)) as string;
      const keys = stack[stack.length - 1]!;
      if (keys.has(key)) {
        const before = text.slice(0, start);
        const line = before.split('\n').length;
        return { key, line, column: start - before.lastIndexOf('\n') };
      }
      keys.add(key);
    }
  }
  return undefined;
}
