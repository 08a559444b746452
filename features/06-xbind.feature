@XBIND
Feature: Socket binding #XBIND
  "The #XBIND command allows you to bind a socket with a local port."
  "This command can be used with TCP servers and both UDP clients and servers."

  The device's port is its own: a client on the network reaches it at the device's address.
  The emulator really listens on a loopback port of its choosing and tells the harness which,
  so that a loopback client can connect to "port 1234" of the device.

  @set
  Rule: Set command: "The set command allows you to bind a socket with a local port."

    @example:XBIND-1
    Scenario: "#XBIND=<handle>,<port>" binds a socket to port 1234
      Given a TCP server socket <handle> is open
      When I send `AT#XBIND=<handle>,1234`
      Then the response is `OK`

    @erratum:E8
    Scenario: "This command can be used with TCP servers": a client reaches the server on its bound port
      Given a TCP server socket <server> is open
      When I send `AT#XBIND=<server>,1234`
      Then the response is `OK`
      When I send `AT#XLISTEN=<server>`
      Then the response is `OK`
      Given a loopback client connects to the device's server on port 1234
      When I send `AT#XACCEPT=<server>,5`
      Then the response is `#XACCEPT: <server>,"192.168.0.2"`, or as erratum E8 says `#XACCEPT: <accepted>,"192.168.0.2"`
      And the response matches the schema

    Scenario: "… and both UDP clients": a bound UDP client sends from its port and receives the answer
      Given a UDP socket <udp> is open
      When I send `AT#XBIND=<udp>,1234`
      Then the response is `OK`
      When I send `AT#XSENDTO=<udp>,0,0,"test.server.com",1234,"Test UDP"`
      Then the response is `#XSENDTO: <udp>,8`
      And the UDP peer received `Test UDP`
      When I send `AT#XRECVFROM=<udp>,0,0,5`
      Then the response is `#XRECVFROM: <udp>,0,8,"192.168.1.100",24210`
      And the received data is `Test UDP`

    Scenario: "… and servers": a UDP socket bound to port 1234 receives a client's datagram sent to that port
      Given a UDP server socket <udp> is open
      When I send `AT#XBIND=<udp>,1234`
      Then the response is `OK`
      When a loopback client sends the datagram `Test UDP` to the device's port 1234
      And I send `AT#XRECVFROM=<udp>,0,0,5`
      Then the response is `#XRECVFROM: <udp>,0,8,"192.168.0.2",<client-port>`
      And the received data is `Test UDP`

    Scenario: "The <port> parameter is an unsigned 16-bit integer (0 - 65535)": the highest port binds
      Given a UDP socket <udp> is open
      When I send `AT#XBIND=<udp>,65535`
      Then the response is `OK`

  @read
  Rule: Read command: "The read command is not supported."

    @negative
    Scenario: "The read command is not supported."
      When I send `AT#XBIND?`
      Then the response is `ERROR`
      And the device is still usable

  @test
  Rule: Test command: "The test command is not supported."

    @negative
    Scenario: "The test command is not supported."
      When I send `AT#XBIND=?`
      Then the response is `ERROR`
      And the device is still usable
