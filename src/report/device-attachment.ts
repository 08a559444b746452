// Which device ran a scenario: the Before hook attaches the id of the worker's device to
// every scenario, so each report can name it (Allure label, JUnit property and name, the
// device × scenario matrix) and `diff` can compare per device, whatever process wrote it.

import type { Attach } from './attachments.ts';

export const DEVICE_ID_MEDIA_TYPE = 'application/vnd.sm-conformance.device-id';

export function attachDeviceId(attach: Attach, id: string): void {
  attach(id, { mediaType: DEVICE_ID_MEDIA_TYPE });
}
