@XRECV
Feature: Receive data #XRECV
  "The #XRECV command allows you to receive data over TCP or UDP connections."

  The data a scenario receives comes from an echo peer: the scenario first sends exactly the
  bytes the spec's example shows as received, and checks that the peer got them. Erratum E13:
  the spec shows <data> on a line of its own; on the wire it has no line end of its own, and
  the CRLF after it belongs to the final result code.

  @set
  Rule: Set command: "The set command allows you to receive data over the connection."

    @example:XRECV-1 @erratum:E13
    Scenario: "0 - Binary mode. Data is received as binary data."; "<size> … the actual number of bytes received"
      Given a TCP socket <handle> is open
      And I send `AT#XCONNECT=<handle>,"test.server.com",1234`
      And the response is `#XCONNECT: <handle>,1`
      And I send `AT#XSEND=<handle>,0,0,"Test OK"`
      And the response is `#XSEND: <handle>,7`
      And the TCP peer received `Test OK`
      When I send `AT#XRECV=<handle>,0,0,10`
      Then the response is `#XRECV: <handle>,0,7`
      And the received data is `Test OK`
      And the received data is followed directly by the final result code
      And the response matches the schema

    @example:XRECV-2 @erratum:E13
    Scenario: "1 - Hex string mode"; "In case of hex string mode, it represents the number of bytes before conversion"
      Given a TCP socket <handle> is open
      And I send `AT#XCONNECT=<handle>,"test.server.com",1234`
      And the response is `#XCONNECT: <handle>,1`
      And I send `AT#XSEND=<handle>,1,0,"74205A6F63"`
      And the response is `#XSEND: <handle>,5`
      And the TCP peer received `t Zoc`
      When I send `AT#XRECV=<handle>,1,0,10`
      Then the response is `#XRECV: <handle>,1,5`
      And the received data is `74205A6F63`
      And the received data is followed directly by the final result code
      And the response matches the schema

    @erratum:E13
    Scenario: Binary data is counted, not scanned: data holding CR LF "OK" CR LF arrives whole
      Given a TCP socket <tcp> is open
      And I send `AT#XCONNECT=<tcp>,"test.server.com",1234`
      And the response is `#XCONNECT: <tcp>,1`
      And I send `AT#XSEND=<tcp>,1,0,"0D0A4F4B0D0A00FF"`
      And the response is `#XSEND: <tcp>,8`
      And the TCP peer received hex `0D0A4F4B0D0A00FF`
      When I send `AT#XRECV=<tcp>,0,0,10`
      Then the response is `#XRECV: <tcp>,0,8`
      And the received data in hex is `0D0A4F4B0D0A00FF`
      And the received data is followed directly by the final result code
      When I send `AT#XSEND=<tcp>,1,0,"0D0A4F4B0D0A"`
      And the response is `#XSEND: <tcp>,6`
      And the TCP peer received hex `0D0A4F4B0D0A`
      When I send `AT#XRECV=<tcp>,1,0,10`
      Then the response is `#XRECV: <tcp>,1,6`
      And the received data is `0D0A4F4B0D0A`

    Scenario: "… over TCP or UDP connections": a connected UDP socket receives the echoed datagram
      Given a UDP socket <udp> is open
      And I send `AT#XCONNECT=<udp>,"test.server.com",1234`
      And the response is `#XCONNECT: <udp>,1`
      And I send `AT#XSEND=<udp>,0,0,"Test UDP"`
      And the response is `#XSEND: <udp>,8`
      And the UDP peer received `Test UDP`
      When I send `AT#XRECV=<udp>,0,0,10`
      Then the response is `#XRECV: <udp>,0,8`
      And the received data is `Test UDP`

    Scenario: "The <data_len> parameter … sets the maximum number of bytes to receive": the rest waits for the next #XRECV
      Given a TCP socket <tcp> is open
      And I send `AT#XCONNECT=<tcp>,"test.server.com",1234`
      And the response is `#XCONNECT: <tcp>,1`
      And I send `AT#XSEND=<tcp>,0,0,"Test OK"`
      And the response is `#XSEND: <tcp>,7`
      And the TCP peer received `Test OK`
      When I send `AT#XRECV=<tcp>,0,0,10,4`
      Then the response is `#XRECV: <tcp>,0,4`
      And the received data is `Test`
      When I send `AT#XRECV=<tcp>,0,0,10`
      Then the response is `#XRECV: <tcp>,0,3`
      And the received data is ` OK`

    Scenario: "2 - Read data without removing it from the socket input queue."
      Given a TCP socket <tcp> is open
      And I send `AT#XCONNECT=<tcp>,"test.server.com",1234`
      And the response is `#XCONNECT: <tcp>,1`
      And I send `AT#XSEND=<tcp>,0,0,"Test OK"`
      And the response is `#XSEND: <tcp>,7`
      And the TCP peer received `Test OK`
      When I send `AT#XRECV=<tcp>,0,2,10`
      Then the response is `#XRECV: <tcp>,0,7`
      And the received data is `Test OK`
      When I send `AT#XRECV=<tcp>,0,0,10`
      Then the response is `#XRECV: <tcp>,0,7`
      And the received data is `Test OK`

    Scenario: "64 - Override the operation to non-blocking.": nothing to read gets ERROR at once
      Given a TCP socket <tcp> is open
      And I send `AT#XCONNECT=<tcp>,"test.server.com",1236`
      And the response is `#XCONNECT: <tcp>,1`
      When I send `AT#XRECV=<tcp>,0,64,0`
      Then the response is `ERROR`
      And the device is still usable

    Scenario: "256 (TCP only) - Block until the full amount of data can be returned."
      Given a TCP socket <tcp> is open
      And I send `AT#XCONNECT=<tcp>,"test.server.com",1234`
      And the response is `#XCONNECT: <tcp>,1`
      And I send `AT#XSEND=<tcp>,0,0,"Test"`
      And the response is `#XSEND: <tcp>,4`
      And I send `AT#XSEND=<tcp>,0,0,"OK"`
      And the response is `#XSEND: <tcp>,2`
      And the TCP peer received `TestOK`
      When I send `AT#XRECV=<tcp>,0,256,5,6`
      Then the response is `#XRECV: <tcp>,0,6`
      And the received data is `TestOK`

    Scenario: "The <timeout> parameter sets the timeout value in seconds": with nothing to read, #XRECV gives up with ERROR
      # test.server.com:1236 is a sink: it never answers. The timeout is the socket's
      # SO_RCVTIMEO (AT#XSOCKETOPT name 20), which #XRECV sets.
      Given a TCP socket <tcp> is open
      And I send `AT#XCONNECT=<tcp>,"test.server.com",1236`
      And the response is `#XCONNECT: <tcp>,1`
      And I send `AT#XSEND=<tcp>,0,0,"Test TCP"`
      And the response is `#XSEND: <tcp>,8`
      And the TCP sink received `Test TCP`
      When I send `AT#XRECV=<tcp>,0,0,1`
      Then the response is `ERROR`
      When I send `AT#XSOCKETOPT=<tcp>,0,20`
      Then the response is `#XSOCKETOPT: <tcp>,1`
      And the device is still usable

    Scenario: A peer that closed the connection: #XRECV answers OK with no data
      # test.server.com:1235 echoes the first data it gets, then closes (the #XAPOLL example's server).
      Given a TCP socket <tcp> is open
      And I send `AT#XCONNECT=<tcp>,"test.server.com",1235`
      And the response is `#XCONNECT: <tcp>,1`
      And I send `AT#XSEND=<tcp>,0,0,"Test OK"`
      And the response is `#XSEND: <tcp>,7`
      And the closing peer received `Test OK`
      When I send `AT#XRECV=<tcp>,0,0,5`
      Then the response is `#XRECV: <tcp>,0,7`
      And the received data is `Test OK`
      When I send `AT#XRECV=<tcp>,0,0,5`
      Then the response is `OK`

    @erratum:E8
    Scenario: A client that closed its connection to the device's server: #XRECV answers OK with no data
      Given a TCP server socket <server> is open
      And I send `AT#XBIND=<server>,1234`
      And the response is `OK`
      And I send `AT#XLISTEN=<server>`
      And the response is `OK`
      And a loopback client connects to the device's server on port 1234
      And I send `AT#XACCEPT=<server>,5`
      And the response is `#XACCEPT: <server>,"192.168.0.2"`, or as erratum E8 says `#XACCEPT: <accepted>,"192.168.0.2"`
      When the loopback client sends `Test OK`
      And the loopback client closes its connection
      And I send `AT#XRECV=<server>,0,0,5`
      Then the response is `#XRECV: <server>,0,7`
      And the received data is `Test OK`
      When I send `AT#XRECV=<server>,0,0,5`
      Then the response is `OK`

  @read
  Rule: Read command: "The read command is not supported."

    @negative
    Scenario: "The read command is not supported."
      When I send `AT#XRECV?`
      Then the response is `ERROR`
      And the device is still usable

  @test
  Rule: Test command: "The test command is not supported."

    @negative
    Scenario: "The test command is not supported."
      When I send `AT#XRECV=?`
      Then the response is `ERROR`
      And the device is still usable
