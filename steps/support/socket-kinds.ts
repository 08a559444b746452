// The sockets a scenario can ask for by name ("Given an IPv6 UDP socket <udp> is open"),
// each as the command line that opens it and the answer the spec gives for it. Secure
// sockets use the spec's own sec_tag (16842753, the examples of #XSSOCKET).

export const SPEC_SEC_TAG = 16842753;

export type SocketFamily = 'IPv4' | 'IPv6';
export type SocketKind = 'TCP' | 'UDP' | 'raw' | 'TLS' | 'DTLS';
export type SocketRole = 'client' | 'server';

export interface SocketRequest {
  family: SocketFamily;
  kind: SocketKind;
  role: SocketRole;
}

export interface SocketOpening {
  /** e.g. `AT#XSSOCKET=1,1,0,16842753` */
  command: string;
  /** The spec's answer, with `<name>` where the handle goes, e.g. `#XSSOCKET: <tls>,1,258`. */
  response: string;
}

/** #XSOCKET/#XSSOCKET <type> and the <protocol> the answer names, per kind. */
const KINDS: Readonly<Record<SocketKind, { secure: boolean; type: number; protocol: number }>> = {
  TCP: { secure: false, type: 1, protocol: 6 },
  UDP: { secure: false, type: 2, protocol: 17 },
  raw: { secure: false, type: 3, protocol: 0 },
  TLS: { secure: true, type: 1, protocol: 258 },
  DTLS: { secure: true, type: 2, protocol: 273 },
};

export function socketOpening(request: SocketRequest, name: string): SocketOpening {
  const kind = KINDS[request.kind];
  const op = request.family === 'IPv4' ? 1 : 2;
  const role = request.role === 'client' ? 0 : 1;
  const command = kind.secure ? `AT#XSSOCKET=${op},${kind.type},${role},${SPEC_SEC_TAG}` : `AT#XSOCKET=${op},${kind.type},${role}`;
  return { command, response: `${kind.secure ? '#XSSOCKET' : '#XSOCKET'}: <${name}>,${kind.type},${kind.protocol}` };
}
