// The modem around the sockets, in the spec's words: "<cid> … represents cid in the
// +CGDCONT command", so a scenario reads the PDN connections +CGDCONT lists.
//
//   When I send `AT+CGDCONT?`
//   Then +CGDCONT lists a PDN connection with cid 0
//   Then +CGDCONT lists no PDN connection with cid 5

import { Then } from '@cucumber/cucumber';
import type { ConformanceWorld } from './support/world.ts';

/** The cids of the `+CGDCONT: <cid>,…` lines of the last response. */
function listedCids(world: ConformanceWorld): number[] {
  const response = world.lastResponse;
  if (response.final.text !== 'OK') throw new Error(`${response.command} answered ${response.final.text}, not the list of PDN connections`);
  return response.lines.map((line) => {
    // The reference's read-command form: `+CGDCONT: <cid>,"<PDP_type>","<APN>",…`.
    const match = /^\+CGDCONT: (\d+),"/.exec(line);
    if (!match) throw new Error(`${response.command}: \`${line}\` is not a +CGDCONT line (+CGDCONT: <cid>,"<PDP_type>",…)`);
    return Number(match[1]);
  });
}

Then('+CGDCONT lists a PDN connection with cid {int}', function (this: ConformanceWorld, cid: number) {
  const cids = listedCids(this);
  if (!cids.includes(cid)) throw new Error(`+CGDCONT lists cid ${cids.join(', ') || 'none'}, not ${cid}`);
});

Then('+CGDCONT lists no PDN connection with cid {int}', function (this: ConformanceWorld, cid: number) {
  if (listedCids(this).includes(cid)) throw new Error(`+CGDCONT lists a PDN connection with cid ${cid}; the scenario needs a cid without one`);
});
