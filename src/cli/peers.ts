// Placeholder until the subcommand lands: says so in one line instead of failing obscurely.
export async function peers(_argv: string[]): Promise<number> {
  process.stderr.write('sm-conformance peers: not available in this build yet\n');
  return 2;
}
