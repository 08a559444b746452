// Parameter types of the step vocabulary. A command line or a device line is written in
// backticks, exactly as on the wire, so that quotes inside it need no escaping:
//   When I send `AT#XSOCKET=1,1,0`
//   Then the response is `#XSOCKET: <handle>,1,6`
// An erratum is named by its id in src/catalogue/errata.ts (`E1` … `E26`).

import { defineParameterType } from '@cucumber/cucumber';
import { erratumById } from '../../src/catalogue/errata.ts';

defineParameterType({
  name: 'wire',
  regexp: /`([^`]*)`/,
  transformer: (text: string) => text,
});

defineParameterType({
  name: 'erratum',
  regexp: /E\d+/,
  transformer: (id: string) => {
    if (!erratumById(id)) throw new Error(`erratum ${id} is not in the catalogue (src/catalogue/errata.ts)`);
    return id;
  },
});

defineParameterType({
  name: 'socket-name',
  regexp: /<([A-Za-z][\w-]*)>/,
  transformer: (name: string) => name,
});
