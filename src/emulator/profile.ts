// The device profiles the emulator can run (design: "Device profiles"): `firmware` models
// the build the spec documents, errata included; `doc` takes the spec text literally.

import { FAULT_NAMES, type EmulatorProfile, type FaultName, type ProfileName } from './types.ts';

export const PROFILE_NAMES: readonly ProfileName[] = ['firmware', 'doc'];

export function isProfileName(name: string): name is ProfileName {
  return (PROFILE_NAMES as readonly string[]).includes(name);
}

export function isFaultName(name: string): name is FaultName {
  return (FAULT_NAMES as readonly string[]).includes(name);
}

export function createProfile(name: ProfileName = 'firmware', fault?: FaultName): EmulatorProfile {
  // Erratum E1: the spec-era firmware's socket table holds 7, the spec says 8.
  return { name, maxSockets: name === 'firmware' ? 7 : 8, ...(fault ? { fault } : {}) };
}
