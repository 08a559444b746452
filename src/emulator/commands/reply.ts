// Reply shapes shared by all socket commands.

import type { Reply } from '../types.ts';

export function ok(lines: readonly string[] = []): Reply {
  return { parts: lines.map((line) => ({ line })), final: 'OK' };
}

export function error(lines: readonly string[] = []): Reply {
  return { parts: lines.map((line) => ({ line })), final: 'ERROR' };
}
