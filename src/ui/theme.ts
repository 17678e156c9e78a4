// Colour decisions in one place: a chalk instance that honours --no-color and NO_COLOR.
import { Chalk, type ChalkInstance } from 'chalk';

export type Theme = ChalkInstance;

export function createTheme(color: boolean): Theme {
  return new Chalk({ level: color ? 2 : 0 });
}

/** Colour is on only for a terminal that is not TERM=dumb, and never when NO_COLOR is set (https://no-color.org). */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, flag: boolean): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  // A terminal that declares itself dumb cannot show escape sequences.
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}
