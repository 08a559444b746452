// Most socket commands have only a set form; their read and test forms answer ERROR
// (the handler's default branch, notes §1.4).

import type { AtArgs, CommandContext, CommandModule, Reply } from '../types.ts';
import { error } from './reply.ts';

export function setOnlyCommand(name: string, runSet: (args: AtArgs, ctx: CommandContext) => Promise<Reply>): CommandModule {
  return {
    name,
    run: (form, args, ctx) => (form === 'set' ? runSet(args, ctx) : Promise.resolve(error())),
  };
}
