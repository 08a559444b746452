// Which device ran a scenario: the Before hook attaches the id of the worker's device (and
// its pool tags) to every scenario, so each report can name it (Allure label, JUnit property
// and name, the device × scenario matrix) and `diff` can compare per device, whatever
// process wrote it.

import type { Attach } from './attachments.ts';

export const DEVICE_ID_MEDIA_TYPE = 'application/vnd.sm-conformance.device-id+json';

export interface DeviceLabel {
  id: string;
  /** The pool entry's free labels (rack, board kind, …). */
  tags: string[];
}

export function attachDeviceId(attach: Attach, device: DeviceLabel): void {
  attach(JSON.stringify({ id: device.id, tags: device.tags }), { mediaType: DEVICE_ID_MEDIA_TYPE });
}

/** The attachment's body back; undefined when it is not one. */
export function parseDeviceLabel(body: string): DeviceLabel | undefined {
  try {
    const value = JSON.parse(body) as { id?: unknown; tags?: unknown };
    if (typeof value.id !== 'string') return undefined;
    const tags = Array.isArray(value.tags) ? value.tags.filter((tag): tag is string => typeof tag === 'string') : [];
    return { id: value.id, tags };
  } catch {
    return undefined;
  }
}
