// AT%CMNG, the modem's credential storage command, as the nRF91 AT command reference
// describes it: `%CMNG=<opcode>[,<sec_tag>[,<type>[,<content>[,<passwd>]]]]` with opcode
// 0 write, 1 list, 2 read, 3 delete; list lines `%CMNG: <sec_tag>,<type>,"<sha256>"`.
// Differences from the modem, on purpose: writes do not need the modem offline (+CFUN=4),
// and failures answer plain ERROR (the host contract has no +CME ERROR; the modem says 513
// "not found", 514 "no access", 519 "already exists"). Read answers only the non-secret
// types 0, 1 and 4; keys and PSKs are never sent back, as on the modem.

import type { Form } from '../../catalogue/types.ts';
import { AtParamError, type AtArgs, type CommandModule, type Reply } from '../types.ts';
import { isCredentialType, MAX_SEC_TAG, type CredentialType, type SecTagStore } from './credential-store.ts';

const OPCODE = { write: 0, list: 1, read: 2, delete: 3 } as const;
/** The AT host's own line limit bounds the content; this only keeps the parser's check meaningful. */
const MAX_CONTENT_BYTES_EXCLUSIVE = 4097;

const ERROR: Reply = { parts: [], final: 'ERROR' };
const OK: Reply = { parts: [], final: 'OK' };

export function cmngCommand(store: SecTagStore): CommandModule {
  return {
    name: '%CMNG',
    async run(form: Form, args: AtArgs): Promise<Reply> {
      if (form !== 'set') return ERROR;
      const opcode = args.uint16(1);
      switch (opcode) {
        case OPCODE.write: {
          const [secTag, type] = [secTagAt(args, 2), typeAt(args, 3)];
          try {
            store.set(secTag, type, args.string(4, MAX_CONTENT_BYTES_EXCLUSIVE));
          } catch {
            return ERROR;
          }
          return OK;
        }
        case OPCODE.list: {
          const secTag = args.has(2) ? secTagAt(args, 2) : undefined;
          const type = args.has(3) ? typeAt(args, 3) : undefined;
          const lines = store.list()
            .filter((entry) => (secTag === undefined || entry.secTag === secTag) && (type === undefined || entry.type === type))
            .map(({ secTag: tag, type: each }) => ({ line: `%CMNG: ${tag},${each},"${store.fingerprint(tag, each as CredentialType)}"` }));
          return { parts: lines, final: 'OK' };
        }
        case OPCODE.read: {
          const [secTag, type] = [secTagAt(args, 2), typeAt(args, 3)];
          const content = store.readablePublicContent(secTag, type);
          if (content === undefined) return ERROR;
          return { parts: [{ line: `%CMNG: ${secTag},${type},"${store.fingerprint(secTag, type)}","${content}"` }], final: 'OK' };
        }
        case OPCODE.delete:
          return store.delete(secTagAt(args, 2), typeAt(args, 3)) ? OK : ERROR;
        default:
          return ERROR;
      }
    },
  };
}

// The getters throw AtParamError, which the host turns into ERROR, for missing or malformed values.
function secTagAt(args: AtArgs, index: number): number {
  const secTag = args.int32(index);
  if (secTag < 0 || secTag > MAX_SEC_TAG) throw new AtParamError(`sec_tag ${secTag} out of range`);
  return secTag;
}

function typeAt(args: AtArgs, index: number): CredentialType {
  const type = args.uint16(index);
  if (!isCredentialType(type)) throw new AtParamError(`credential type ${type} is not stored by the emulator`);
  return type;
}
