// Parameter types of the step vocabulary. A command line or a device line is written in
// backticks, exactly as on the wire, so that quotes inside it need no escaping:
//   When I send `AT#XSOCKET=1,1,0`
//   Then the response is `#XSOCKET: <handle>,1,6`

import { defineParameterType } from '@cucumber/cucumber';

defineParameterType({
  name: 'wire',
  regexp: /`([^`]*)`/,
  transformer: (text: string) => text,
});
