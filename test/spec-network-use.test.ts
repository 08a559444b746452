import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsNetwork } from '../src/catalogue/network-use.ts';

test('a step needs the network when it sets #XCONNECT, #XSENDTO, #XBIND or #XGETADDRINFO; test forms and other commands do not', () => {
  for (const text of ['I send `AT#XCONNECT=<tcp>,"test.server.com",1234`', 'I send `AT#XSENDTO=0,0,0,"x",1`', 'AT#XBIND=0,1234', 'AT#XGETADDRINFO="google.com"']) {
    assert.equal(needsNetwork(text), true, text);
  }
  for (const text of ['I send `AT#XCONNECT=?`', 'AT#XGETADDRINFO=?', 'AT#XSEND=0,0,0,"x"', 'AT#XSOCKET=1,1,0', 'a TCP socket <tcp> is open', 'at#xconnect=0,"a",1']) {
    assert.equal(needsNetwork(text), false, text);
  }
});
