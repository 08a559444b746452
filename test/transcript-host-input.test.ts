import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostInput } from '../src/transcript/host-input.ts';

function cut(writes: readonly string[], dataModeAfter?: string): string[] {
  const seen: string[] = [];
  let dataMode = false;
  const input = new HostInput({
    command: (text) => {
      seen.push(text);
      if (text === dataModeAfter) dataMode = true;
    },
    terminator: () => {
      seen.push('<terminator>');
      dataMode = false;
    },
    inDataMode: () => dataMode,
  });
  for (const write of writes) input.push(Buffer.from(write, 'latin1'));
  return seen;
}

test('commands end at CR (CRLF hosts too), or at LF when the host ends its first line with LF', () => {
  assert.deepEqual(cut(['AT#XSOCKET=1,1,0\r', 'AT#XSOCKET?\r\nAT#XCLOSE\r\n']), ['AT#XSOCKET=1,1,0', 'AT#XSOCKET?', 'AT#XCLOSE']);
  assert.deepEqual(cut(['AT#XSOCKET?\nAT#XCLOSE\n']), ['AT#XSOCKET?', 'AT#XCLOSE']);
});

test('a command split over writes, a CR inside quotes, garbage before AT', () => {
  assert.deepEqual(cut(['AT#XSEND=0,0,0,"a', '\rb"', '\r', 'xyAT\r']), ['AT#XSEND=0,0,0,"a\rb"', 'AT']);
});

test('in data mode every byte is data until +++, also when the terminator is split', () => {
  assert.deepEqual(cut(['AT#XSEND=0,2,0\r', 'AT is data +', '+', '+AT#XCLOSE\r'], 'AT#XSEND=0,2,0'), ['AT#XSEND=0,2,0', '<terminator>', 'AT#XCLOSE']);
});

test('a write that is one whole command is cut exactly as the byte-by-byte assembler cuts it', () => {
  // HostInput takes such writes without the assembler's copy (LineAssembler.wholeLineEnd); these
  // are the cases that decide whether a write is one: quotes, backspace, DEL, a second terminator.
  const writes = ['AT#XSOCKET=1,1,0\r', 'AT#XSEND=0,0,0,"a\rb"\r', 'AT#XSEND=0,0,0,"a\r', 'b"\r', 'AT#XSOCKEZ\x08T?\r', 'AT\x7f\x7fAT\r',
    'AT\rAT\r', 'xyAT+CGMI\r', '"\r', '\r', 'AT#XSEND=0,0,0,"\r"\r', `AT#XSEND=0,0,0,"${'x'.repeat(5000)}"\r`, 'AT?\r'];
  const oneByOne = cut(writes.flatMap((write) => [...write]));
  assert.deepEqual(cut(writes), oneByOne);
  assert.deepEqual(oneByOne.slice(0, 3), ['AT#XSOCKET=1,1,0', 'AT#XSEND=0,0,0,"a\rb"', 'AT#XSEND=0,0,0,"a\rb"']);
});
