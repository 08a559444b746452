@XRECVFROM
Feature: UDP receive data #XRECVFROM
  "The #XRECVFROM command allows you to receive data over UDP."

  The spec's example receives from "192.168.1.100",24210: that is where test.server.com's UDP
  echo peer answers from. The scenario first sends it exactly the bytes the example shows as
  received. Erratum E13: the data has no line end of its own; the CRLF after it belongs to
  the final result code.

  @set
  Rule: Set command: "The set command allows you to receive data over UDP."

    @example:XRECVFROM-1 @erratum:E13
    Scenario: "#XRECVFROM: <handle>,<mode>,<size>,"<ip_addr>",<port>" names the remote peer; "0 - Binary mode"
      Given a UDP socket <handle> is open
      And I send `AT#XSENDTO=<handle>,0,0,"192.168.1.100",24210,"Test OK"`
      And the response is `#XSENDTO: <handle>,7`
      And the UDP peer received `Test OK`
      When I send `AT#XRECVFROM=<handle>,0,0,10`
      Then the response is `#XRECVFROM: <handle>,0,7,"192.168.1.100",24210`
      And the received data is `Test OK`
      And the received data is followed directly by the final result code
      And the response matches the schema

    @example:XRECVFROM-2 @erratum:E13
    Scenario: "1 - Hex string mode"; "<size> … the number of bytes before conversion to hexadecimal format"
      Given a UDP socket <handle> is open
      And I send `AT#XSENDTO=<handle>,1,0,"192.168.1.100",24210,"54657374205A4D"`
      And the response is `#XSENDTO: <handle>,7`
      And the UDP peer received `Test ZM`
      When I send `AT#XRECVFROM=<handle>,1,0,10`
      Then the response is `#XRECVFROM: <handle>,1,7,"192.168.1.100",24210`
      And the received data is `54657374205A4D`
      And the received data is followed directly by the final result code
      And the response matches the schema

    @erratum:E13
    Scenario: Binary data is counted, not scanned: a datagram holding CR LF "OK" CR LF arrives whole
      Given a UDP socket <udp> is open
      And I send `AT#XSENDTO=<udp>,1,0,"test.server.com",1234,"0D0A4F4B0D0A00FF"`
      And the response is `#XSENDTO: <udp>,8`
      And the UDP peer received hex `0D0A4F4B0D0A00FF`
      When I send `AT#XRECVFROM=<udp>,0,0,10`
      Then the response is `#XRECVFROM: <udp>,0,8,"192.168.1.100",24210`
      And the received data in hex is `0D0A4F4B0D0A00FF`
      And the received data is followed directly by the final result code

    Scenario: Each #XRECVFROM returns one datagram
      Given a UDP socket <udp> is open
      And I send `AT#XSENDTO=<udp>,0,0,"test.server.com",1234,"Test"`
      And the response is `#XSENDTO: <udp>,4`
      And the UDP peer received `Test`
      And I send `AT#XSENDTO=<udp>,0,0,"test.server.com",1234,"UDP"`
      And the response is `#XSENDTO: <udp>,3`
      And the UDP peer received `UDP`
      When I send `AT#XRECVFROM=<udp>,0,0,5`
      Then the response is `#XRECVFROM: <udp>,0,4,"192.168.1.100",24210`
      And the received data is `Test`
      When I send `AT#XRECVFROM=<udp>,0,0,5`
      Then the response is `#XRECVFROM: <udp>,0,3,"192.168.1.100",24210`
      And the received data is `UDP`

    Scenario: "2 - Read data without removing it from the socket input queue."
      Given a UDP socket <udp> is open
      And I send `AT#XSENDTO=<udp>,0,0,"test.server.com",1234,"Test OK"`
      And the response is `#XSENDTO: <udp>,7`
      And the UDP peer received `Test OK`
      When I send `AT#XRECVFROM=<udp>,0,2,5`
      Then the response is `#XRECVFROM: <udp>,0,7,"192.168.1.100",24210`
      And the received data is `Test OK`
      When I send `AT#XRECVFROM=<udp>,0,0,5`
      Then the response is `#XRECVFROM: <udp>,0,7,"192.168.1.100",24210`
      And the received data is `Test OK`

    Scenario: "64 - Override the operation to non-blocking.": no datagram gets ERROR at once
      Given a UDP socket <udp> is open
      And I send `AT#XSENDTO=<udp>,0,0,"test.server.com",1236,"Test UDP"`
      And the response is `#XSENDTO: <udp>,8`
      And the UDP sink received `Test UDP`
      When I send `AT#XRECVFROM=<udp>,0,64,0`
      Then the response is `ERROR`
      And the device is still usable

    Scenario: "The <timeout> parameter sets the timeout value in seconds": with no datagram, #XRECVFROM gives up with ERROR
      # test.server.com:1236 over UDP is a sink: it never answers.
      Given a UDP socket <udp> is open
      And I send `AT#XSENDTO=<udp>,0,0,"test.server.com",1236,"Test UDP"`
      And the response is `#XSENDTO: <udp>,8`
      And the UDP sink received `Test UDP`
      When I send `AT#XRECVFROM=<udp>,0,0,1`
      Then the response is `ERROR`
      When I send `AT#XSOCKETOPT=<udp>,0,20`
      Then the response is `#XSOCKETOPT: <udp>,1`
      And the device is still usable

    Scenario: "The <data_len> parameter … sets the maximum number of bytes to receive"
      Given a UDP socket <udp> is open
      And I send `AT#XSENDTO=<udp>,0,0,"test.server.com",1234,"Test OK"`
      And the response is `#XSENDTO: <udp>,7`
      And the UDP peer received `Test OK`
      When I send `AT#XRECVFROM=<udp>,0,0,5,4`
      Then the response is `#XRECVFROM: <udp>,0,4,"192.168.1.100",24210`
      And the received data is `Test`

    @erratum:E14
    Scenario: The flags list names 0, 2 and 64; 256 (WAITALL), which #XRECV lists, is passed on too
      # Erratum E14: SM passes any flags to the socket; a datagram is returned whole.
      Given a UDP socket <udp> is open
      And I send `AT#XSENDTO=<udp>,0,0,"test.server.com",1234,"Test OK"`
      And the response is `#XSENDTO: <udp>,7`
      And the UDP peer received `Test OK`
      When I send `AT#XRECVFROM=<udp>,0,256,5`
      Then the response is `#XRECVFROM: <udp>,0,7,"192.168.1.100",24210`
      And the received data is `Test OK`

  @read
  Rule: Read command: "The read command is not supported."

    @negative
    Scenario: "The read command is not supported."
      When I send `AT#XRECVFROM?`
      Then the response is `ERROR`
      And the device is still usable

  @test
  Rule: Test command: "The test command is not supported."

    @negative
    Scenario: "The test command is not supported."
      When I send `AT#XRECVFROM=?`
      Then the response is `ERROR`
      And the device is still usable
