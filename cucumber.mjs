// cucumber-js 12.9 configuration for direct runs (`npx cucumber-js`); `sm-conformance run`
// builds the same configuration through steps/support/suite-configuration.mjs. What works
// and why is written there.
//
// Environment:
//   SM_CONFORMANCE_REPORTS  reports directory (default: reports)
//   SM_CONFORMANCE_DUT      emulator | serial:<path> | tcp:<host>:<port> (default: emulator)
//   SM_CONFORMANCE_BAUD     serial baud rate (default 115200)
//   SM_CONFORMANCE_PROFILE  firmware | doc (default: firmware)
//   SM_CONFORMANCE_FAULT    an emulator fault profile
//   SM_CONFORMANCE_STRICT   1: erratum deviations FAIL
//
// Profiles: default (one process) and `parallel` (4 workers, each with its own emulator
// and peers; for the emulator only, a board being one device):
//   npx cucumber-js --profile parallel

import { suiteConfiguration } from './steps/support/suite-configuration.mjs';

const env = process.env;

const settings = {
  reports: env.SM_CONFORMANCE_REPORTS || 'reports',
  worldParameters: {
    dut: env.SM_CONFORMANCE_DUT || 'emulator',
    ...(env.SM_CONFORMANCE_BAUD ? { baud: Number(env.SM_CONFORMANCE_BAUD) } : {}),
    ...(env.SM_CONFORMANCE_PROFILE ? { profile: env.SM_CONFORMANCE_PROFILE } : {}),
    ...(env.SM_CONFORMANCE_FAULT ? { fault: env.SM_CONFORMANCE_FAULT } : {}),
    ...(env.SM_CONFORMANCE_STRICT === '1' ? { strict: true } : {}),
  },
};

export default suiteConfiguration(settings);

export const parallel = suiteConfiguration({ ...settings, parallel: 4 });
