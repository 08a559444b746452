// How a scenario writes bytes: text as it is on the wire (one byte per character), or hex
// (`0D0A4F4B0D0A`) for bytes a step cannot hold, such as CR, LF and NUL.

const HEX_TEXT = /^(?:[0-9A-Fa-f]{2})*$/;

/** Hex data: an even count of hex digits. */
export function isHexText(text: string): boolean {
  return HEX_TEXT.test(text);
}

/** The bytes of `text`, one per character (latin1, as the device counts them). */
export function bytesOfText(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** The bytes `hex` stands for; anything but an even count of hex digits is refused. */
export function bytesOfHex(hex: string): Buffer {
  if (!isHexText(hex)) throw new Error(`\`${hex}\` is not hex data (an even number of the digits 0-9, A-F)`);
  return Buffer.from(hex, 'hex');
}

/** Hex data of `length` characters: uppercase, the bytes counting up from 00, so that a lost or reordered byte shows. */
export function hexDataOfLength(length: number): string {
  if (!Number.isInteger(length) || length < 0 || length % 2 !== 0) throw new Error(`hex data has an even number of characters, not ${length}`);
  return Buffer.from(Array.from({ length: length / 2 }, (_, index) => index % 256)).toString('hex').toUpperCase();
}

/** Bytes as a person reads them in a failure message: text with escapes, and hex when not plain text. */
export function describeBytes(bytes: Buffer, limit = 64): string {
  const shown = bytes.subarray(0, limit);
  const text = JSON.stringify(shown.toString('latin1'));
  const plain = shown.every((byte) => byte >= 0x20 && byte < 0x7f);
  const more = bytes.length > limit ? ` … (${bytes.length} bytes)` : '';
  return plain ? `${text}${more}` : `${text} (hex ${shown.toString('hex').toUpperCase()})${more}`;
}
