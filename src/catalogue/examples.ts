// The index of every example in the spec, in spec order, numbered per section
// (`XSOCKET-1` …). Lines are exactly as the spec prints them, blank lines dropped; a
// #XRECV/#XRECVFROM payload is kept apart from the response lines. The drift check
// (`sm-conformance coverage --spec`) compares this index with a spec file.

import { invocationOf } from './command-line.ts';
import type { SpecExample } from './types.ts';

type Extras = Pick<SpecExample, 'payload' | 'urcs' | 'dataModeInput' | 'errata'>;

function example(id: string, line: string, response: readonly string[], extras: Extras = {}): SpecExample {
  const invocation = invocationOf(line);
  if (!invocation) throw new Error(`example ${id}: '${line}' is not a command line`);
  const section = `#${id.slice(0, id.lastIndexOf('-'))}`;
  return { id, section, command: invocation.command, form: invocation.form, line, response, ...extras };
}

export const SPEC_EXAMPLES: readonly SpecExample[] = [
  // Socket #XSOCKET
  example('XSOCKET-1', 'AT#XSOCKET=1,1,0', ['#XSOCKET: 0,1,6', 'OK']),
  example('XSOCKET-2', 'AT#XSOCKET=1,2,0', ['#XSOCKET: 1,2,17', 'OK']),
  example('XSOCKET-3', 'AT#XSOCKET=2,1,0', ['#XSOCKET: 2,1,6', 'OK']),
  example('XSOCKET-4', 'AT#XSOCKET=1,3,0', ['#XSOCKET: 3,3,0', 'OK']),
  example('XSOCKET-5', 'AT#XSOCKET?', ['#XSOCKET: 0,1,0,1,0', 'OK']),
  example('XSOCKET-6', 'AT#XSOCKET=?', ['#XSOCKET: <handle>,(1,2),(1,2,3),(0,1),<cid>', 'OK']),

  // Secure socket #XSSOCKET
  example('XSSOCKET-1', 'AT#XSSOCKET=1,1,0,16842753,2', ['#XSSOCKET: 0,1,258', 'OK']),
  example('XSSOCKET-2', 'AT#XSSOCKET=1,2,0,16842753', ['#XSSOCKET: 1,2,273', 'OK']),
  example('XSSOCKET-3', 'AT#XSSOCKET?', ['#XSSOCKET: 0,1,0,1,16842753,0', 'OK']),
  example('XSSOCKET-4', 'AT#XSSOCKET=?', ['#XSSOCKET: <handle>,(1,2),(1,2),(0,1),<sec_tag>,<peer_verify>,<cid>', 'OK']),

  // Close socket #XCLOSE
  example('XCLOSE-1', 'AT#XCLOSE=0', ['#XCLOSE: 0,0', 'OK']),
  example('XCLOSE-2', 'AT#XCLOSE', ['#XCLOSE: 0,0', '#XCLOSE: 1,0', '#XCLOSE: 2,0', 'OK']),

  // Socket options #XSOCKETOPT
  example('XSOCKETOPT-1', 'AT#XSOCKETOPT=0,1,20,30', ['OK']),
  example('XSOCKETOPT-2', 'AT#XSOCKETOPT=0,0,20', ['#XSOCKETOPT: 0,30', 'OK']),
  example('XSOCKETOPT-3', 'AT#XSOCKETOPT=?', ['#XSOCKETOPT: <handle>,(0,1),<name>,<value>', 'OK']),

  // Secure socket options #XSSOCKETOPT
  example('XSSOCKETOPT-1', 'AT#XSSOCKETOPT=0,1,5,2', ['OK']),
  example('XSSOCKETOPT-2', 'AT#XSSOCKETOPT=?', ['#XSSOCKETOPT: <handle>,(0,1),<name>,<value>', 'OK']),

  // Socket binding #XBIND
  example('XBIND-1', 'AT#XBIND=0,1234', ['OK']),

  // Connection #XCONNECT
  example('XCONNECT-1', 'AT#XCONNECT=0,"test.server.com",1234', ['#XCONNECT: 0,1', 'OK']),
  example('XCONNECT-2', 'AT#XCONNECT=1,"192.168.0.1",1234', ['#XCONNECT: 1,1', 'OK']),
  example('XCONNECT-3', 'AT#XCONNECT=2,"2a02:c207:2051:8976::1",4567', ['#XCONNECT: 2,1', 'OK']),

  // Set listen mode #XLISTEN
  example('XLISTEN-1', 'AT#XLISTEN=0', ['OK']),

  // Accept connection #XACCEPT
  example('XACCEPT-1', 'AT#XACCEPT=0,60', ['#XACCEPT: 0,"192.168.0.2"', 'OK'], { errata: ['E8'] }),

  // Send data #XSEND
  example('XSEND-1', 'AT#XSEND=0,0,0,"Test TCP"', ['#XSEND: 0,8', 'OK']),
  example('XSEND-2', 'AT#XSEND=0,1,0,"48656C6C6F"', ['#XSEND: 0,5', 'OK']),
  example('XSEND-3', 'AT#XSEND=1,2,512', ['OK'], { dataModeInput: ['Test datamode with flags', '+++'], errata: ['E9'] }),

  // Receive data #XRECV
  example('XRECV-1', 'AT#XRECV=0,0,0,10', ['#XRECV: 0,0,7', 'OK'], { payload: 'Test OK', errata: ['E13'] }),
  example('XRECV-2', 'AT#XRECV=0,1,0,10', ['#XRECV: 0,1,5', 'OK'], { payload: '74205A6F63', errata: ['E13'] }),

  // UDP send data #XSENDTO
  example('XSENDTO-1', 'AT#XSENDTO=0,0,0,"test.server.com",1234,"Test UDP"', ['#XSENDTO: 0,8', 'OK']),
  example('XSENDTO-2', 'AT#XSENDTO=0,1,0,"test.server.com",1234,"48656C6C6F"', ['#XSENDTO: 0,5', 'OK']),

  // UDP receive data #XRECVFROM
  example('XRECVFROM-1', 'AT#XRECVFROM=0,0,0,10', ['#XRECVFROM: 0,0,7,"192.168.1.100",24210', 'OK'], { payload: 'Test OK', errata: ['E13'] }),
  example('XRECVFROM-2', 'AT#XRECVFROM=0,1,0,10', ['#XRECVFROM: 0,1,7,"192.168.1.100",24210', 'OK'], { payload: '54657374205A4D', errata: ['E13'] }),

  // Asynchronous socket polling #XAPOLL: the set example is one session; comments dropped.
  example('XAPOLL-1', 'AT#XAPOLL=1,5', ['OK']),
  example('XAPOLL-2', 'AT#XSOCKET=1,1,0', ['#XSOCKET: 1,1,6', 'OK']),
  example('XAPOLL-3', 'AT#XCONNECT=1,"test.server.com",1234', ['#XCONNECT: 1,1', 'OK'], { urcs: ['#XAPOLL: 1,4'] }),
  example('XAPOLL-4', 'AT#XSEND=1,"echo"', ['#XSEND: 1,4', 'OK'], { urcs: ['#XAPOLL: 1,4', '#XAPOLL: 1,17'], errata: ['E15'] }),
  example('XAPOLL-5', 'AT#XRECV=1,1', ['#XRECV: 1,4', 'OK'], { payload: 'echo', errata: ['E16', 'E17', 'E13'] }),
  example('XAPOLL-6', 'AT#XCLOSE=1', ['#XCLOSE: 1,0', 'OK'], { errata: ['E18'] }),
  example('XAPOLL-7', 'AT#XAPOLL=0', ['OK'], { errata: ['E19'] }),
  example('XAPOLL-8', 'AT#XSOCKET=1,1,0', ['#XSOCKET: 0,1,6', 'OK'], { errata: ['E22'] }),
  example('XAPOLL-9', 'AT#XAPOLL=1,1', ['OK'], { errata: ['E22'] }),
  example('XAPOLL-10', 'AT#XAPOLL?', ['#XAPOLL: 1,1,0', 'OK'], { errata: ['E22'] }),
  example('XAPOLL-11', 'AT#XAPOLL=?', ['#XAPOLL: (0,1),<0,1,4,5>,<handle1>,<handle2>,...', 'OK'], { errata: ['E21'] }),

  // Resolve hostname #XGETADDRINFO
  example('XGETADDRINFO-1', 'AT#XGETADDRINFO="google.com"', ['#XGETADDRINFO: "142.251.42.142"', 'OK']),
  example('XGETADDRINFO-2', 'AT#XGETADDRINFO="google.com",0', ['#XGETADDRINFO: "172.217.31.142"', 'OK']),
  example('XGETADDRINFO-3', 'AT#XGETADDRINFO="google.com",1', ['#XGETADDRINFO: "142.251.42.142"', 'OK']),
  example('XGETADDRINFO-4', 'AT#XGETADDRINFO="ipv6.google.com",2', ['#XGETADDRINFO: "2404:6800:4004:824::200e"', 'OK']),
];

const BY_ID = new Map(SPEC_EXAMPLES.map((entry) => [entry.id, entry]));

export function exampleById(id: string): SpecExample | undefined {
  return BY_ID.get(id);
}
