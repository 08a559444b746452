// cucumber-js 12.9 configuration for the conformance suite (Node 20, ESM).
//
// What works, found by running it (see the report of the suite foundation):
// - TypeScript steps: the first `import` entry registers tsx (steps/support/register.mjs);
//   every parallel worker imports the same list, so workers get it too. A cucumber.ts
//   config is ignored and `--loader tsx` fails on Node 20. `node --import tsx` in front of
//   cucumber-js also works but is not needed.
// - Formatters: a formatter without `:<path>` writes to stdout and only the last such one
//   survives, so every file formatter has a path under the reports directory and exactly
//   one (progress) writes to stdout.
// - Settings reach the World, BeforeAll hooks and parallel workers as worldParameters.
//
// Environment (for direct `npx cucumber-js` runs; `sm-conformance run` passes its own):
//   SM_CONFORMANCE_REPORTS  reports directory (default: reports)
//   SM_CONFORMANCE_DUT      emulator | serial:<path> | tcp:<host>:<port> (default: emulator)
//   SM_CONFORMANCE_BAUD     serial baud rate (default 115200)
//   SM_CONFORMANCE_PROFILE  firmware | doc (default: firmware)
//   SM_CONFORMANCE_FAULT    an emulator fault profile
//   SM_CONFORMANCE_STRICT   1: erratum deviations FAIL
//
// Profiles: default (one worker), `parallel` (4 workers; the emulator only, since a
// board is one device), e.g. `npx cucumber-js --profile parallel`.

const env = process.env;
const reports = env.SM_CONFORMANCE_REPORTS || 'reports';

const worldParameters = {
  dut: env.SM_CONFORMANCE_DUT || 'emulator',
  reports,
  ...(env.SM_CONFORMANCE_BAUD ? { baud: Number(env.SM_CONFORMANCE_BAUD) } : {}),
  ...(env.SM_CONFORMANCE_PROFILE ? { profile: env.SM_CONFORMANCE_PROFILE } : {}),
  ...(env.SM_CONFORMANCE_FAULT ? { fault: env.SM_CONFORMANCE_FAULT } : {}),
  ...(env.SM_CONFORMANCE_STRICT === '1' ? { strict: true } : {}),
};

const common = {
  paths: ['features/**/*.feature'],
  import: ['steps/support/register.mjs', 'steps/**/*.ts'],
  format: [
    'progress',
    `message:${reports}/cucumber-messages.ndjson`,
    `html:${reports}/cucumber-report.html`,
    `junit:${reports}/junit.xml`,
  ],
  formatOptions: { junit: { suiteName: 'sm-conformance' } },
  worldParameters,
};

export default common;

export const parallel = { ...common, parallel: 4 };
