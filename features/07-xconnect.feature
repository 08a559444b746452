@XCONNECT
Feature: Connection #XCONNECT
  "The #XCONNECT command allows you to connect to a server and to check the connection status."
  "This command is for TCP and UDP clients."

  The spec's hosts and addresses are used as written: the emulator's network map resolves
  test.server.com and routes 192.168.0.1 and 2a02:c207:2051:8976::1 to loopback echo peers.

  @set
  Rule: Set command: "The set command allows you to connect to a TCP or UDP server."

    @example:XCONNECT-1
    Scenario: "#XCONNECT=<handle>,<url>,<port>" connects to a hostname and answers "1 - Connected."
      Given a TCP socket <handle> is open
      When I send `AT#XCONNECT=<handle>,"test.server.com",1234`
      Then the response is `#XCONNECT: <handle>,1`
      And the response matches the schema
      When I send `AT#XSEND=<handle>,0,0,"Test TCP"`
      Then the response is `#XSEND: <handle>,8`
      And the TCP peer received `Test TCP`

    @example:XCONNECT-2
    Scenario: "When using IP addresses, it supports both IPv4 …": a connection to 192.168.0.1
      Given a TCP socket <handle> is open
      When I send `AT#XCONNECT=<handle>,"192.168.0.1",1234`
      Then the response is `#XCONNECT: <handle>,1`
      And the response matches the schema
      When I send `AT#XSEND=<handle>,0,0,"Test TCP"`
      Then the response is `#XSEND: <handle>,8`
      And the TCP peer received `Test TCP`

    @example:XCONNECT-3
    Scenario: "… and IPv6": an IPv6 socket connects to 2a02:c207:2051:8976::1
      Given an IPv6 TCP socket <handle> is open
      When I send `AT#XCONNECT=<handle>,"2a02:c207:2051:8976::1",4567`
      Then the response is `#XCONNECT: <handle>,1`
      And the response matches the schema
      When I send `AT#XSEND=<handle>,0,0,"Test TCP"`
      Then the response is `#XSEND: <handle>,8`
      And the TCP peer received `Test TCP`

    Scenario: "This command is for TCP and UDP clients": a connected UDP socket sends to and receives from its server
      Given a UDP socket <udp> is open
      When I send `AT#XCONNECT=<udp>,"test.server.com",1234`
      Then the response is `#XCONNECT: <udp>,1`
      When I send `AT#XSEND=<udp>,0,0,"Test UDP"`
      Then the response is `#XSEND: <udp>,8`
      And the UDP peer received `Test UDP`
      When I send `AT#XRECV=<udp>,0,0,5`
      Then the response is `#XRECV: <udp>,0,8`
      And the received data is `Test UDP`

    Scenario: "This command is for TCP and UDP clients": a server socket cannot connect
      Given a TCP server socket <server> is open
      When I send `AT#XCONNECT=<server>,"test.server.com",1234`
      Then the response is `ERROR`
      And the device is still usable

    @erratum:E7
    Scenario: "0 - Disconnected." is never answered: a connection that cannot be made gets ERROR
      # Erratum E7: the firmware prints `<handle>,1` on success and ERROR on failure, never
      # `<handle>,0`. Port 9 of test.server.com has no server, so the connection fails.
      Given a TCP socket <tcp> is open
      When I send `AT#XCONNECT=<tcp>,"test.server.com",9`
      Then the response is `ERROR`
      When I send `AT#XCONNECT=<tcp>,"test.server.com",1234`
      Then the response is `#XCONNECT: <tcp>,1`

    @erratum:E11
    Scenario: "The maximum supported size of the hostname is 128 bytes": a hostname of 127 characters connects
      Given a TCP socket <tcp> is open
      And <name> is a name of test.server.com with 127 characters
      When I send `AT#XCONNECT=<tcp>,"<name>",1234`
      Then the response is `#XCONNECT: <tcp>,1`

    @erratum:E11
    Scenario: "The maximum supported size of the hostname is 128 bytes": a hostname of 128 characters connects
      # Erratum E11: the firmware's buffer holds the terminator too, so it takes 127 characters.
      Given a TCP socket <tcp> is open
      And <name> is a name of test.server.com with 128 characters
      When I send `AT#XCONNECT=<tcp>,"<name>",1234`
      Then the response is `#XCONNECT: <tcp>,1`, or as erratum E11 says `ERROR`
      And the device is still usable

  @read
  Rule: Read command: "The read command is not supported."

    @negative
    Scenario: "The read command is not supported."
      When I send `AT#XCONNECT?`
      Then the response is `ERROR`
      And the device is still usable

  @test
  Rule: Test command: "The test command is not supported."

    @negative
    Scenario: "The test command is not supported."
      When I send `AT#XCONNECT=?`
      Then the response is `ERROR`
      And the device is still usable
