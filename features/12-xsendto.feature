@XSENDTO
Feature: UDP send data #XSENDTO
  "The #XSENDTO command allows you to send data over UDP."

  test.server.com:1234 is a UDP echo peer; each #XSENDTO is one datagram, checked whole.

  @set
  Rule: Set command: "The set command allows you to send data over UDP."

    @example:XSENDTO-1
    Scenario: "0 - String mode"; "#XSENDTO: <handle>,<size>" is "the actual number of bytes that has been sent"
      Given a UDP socket <handle> is open
      When I send `AT#XSENDTO=<handle>,0,0,"test.server.com",1234,"Test UDP"`
      Then the response is `#XSENDTO: <handle>,8`
      And the response matches the schema
      And the UDP peer received `Test UDP`

    @example:XSENDTO-2
    Scenario: "1 - Hex string mode. Data is provided as a hexadecimal string"
      Given a UDP socket <handle> is open
      When I send `AT#XSENDTO=<handle>,1,0,"test.server.com",1234,"48656C6C6F"`
      Then the response is `#XSENDTO: <handle>,5`
      And the response matches the schema
      And the UDP peer received `Hello`

    Scenario: "<url> … the hostname or the IP address of the remote peer": an IPv4 address works as the name does
      Given a UDP socket <udp> is open
      When I send `AT#XSENDTO=<udp>,0,0,"192.168.1.100",1234,"Test UDP"`
      Then the response is `#XSENDTO: <udp>,8`
      And the UDP peer received `Test UDP`

    Scenario: "… it supports both IPv4 and IPv6": an IPv6 socket sends to test.server.com
      Given an IPv6 UDP socket <udp> is open
      When I send `AT#XSENDTO=<udp>,0,0,"test.server.com",1234,"Test UDP"`
      Then the response is `#XSENDTO: <udp>,8`
      And the UDP peer received `Test UDP`

    Scenario: A datagram sent with #XSENDTO comes back through #XRECVFROM from the address it went to
      Given a UDP socket <udp> is open
      When I send `AT#XSENDTO=<udp>,0,0,"test.server.com",1234,"Test UDP"`
      Then the response is `#XSENDTO: <udp>,8`
      And the UDP peer received `Test UDP`
      When I send `AT#XRECVFROM=<udp>,0,0,5`
      Then the response is `#XRECVFROM: <udp>,0,8,"192.168.1.100",24210`
      And the received data is `Test UDP`

    Scenario: "For hex string mode (1), it is a hexadecimal string representation of the data": any byte, CR LF and "OK" included
      Given a UDP socket <udp> is open
      When I send `AT#XSENDTO=<udp>,1,0,"test.server.com",1234,"0D0A4F4B0D0A00FF"`
      Then the response is `#XSENDTO: <udp>,8`
      And the UDP peer received hex `0D0A4F4B0D0A00FF`

    @erratum:E26
    Scenario: "512 - Blocks send operation until the request is acknowledged" works on a new socket
      # Erratum E26: SM gives every new socket SO_SNDTIMEO 30 s, so 512 needs no AT_SO_SNDTIMEO first.
      Given a UDP socket <udp> is open
      When I send `AT#XSENDTO=<udp>,0,512,"test.server.com",1234,"Test UDP"`
      Then the response is `#XSENDTO: <udp>,8`
      And the UDP peer received `Test UDP`

    @erratum:E11
    Scenario: "The maximum size of the hostname is 128 bytes": a hostname of 127 characters is sent to
      Given a UDP socket <udp> is open
      And <name> is a name of test.server.com with 127 characters
      When I send `AT#XSENDTO=<udp>,0,0,"<name>",1234,"Test UDP"`
      Then the response is `#XSENDTO: <udp>,8`
      And the UDP peer received `Test UDP`

    @erratum:E11
    Scenario: "The maximum size of the hostname is 128 bytes": a hostname of 128 characters is sent to
      # Erratum E11: the firmware's buffer holds the terminator too, so it takes 127 characters.
      Given a UDP socket <udp> is open
      And <name> is a name of test.server.com with 128 characters
      When I send `AT#XSENDTO=<udp>,0,0,"<name>",1234,"Test UDP"`
      Then the response is `#XSENDTO: <udp>,8`, or as erratum E11 says `ERROR`
      And the device is still usable

    @erratum:E10
    Scenario: "The maximum payload size in hexadecimal string mode is up to 2800 characters (1400 bytes)": one datagram of 1400 bytes
      Given a UDP socket <udp> is open
      And <data> is hex data of 2800 characters
      When I send `AT#XSENDTO=<udp>,1,0,"test.server.com",1234,"<data>"`
      Then the response is `#XSENDTO: <udp>,1400`
      And the UDP peer received hex `<data>`

  @read
  Rule: Read command: "The read command is not supported."

    @negative
    Scenario: "The read command is not supported."
      When I send `AT#XSENDTO?`
      Then the response is `ERROR`
      And the device is still usable

  @test
  Rule: Test command: "The test command is not supported."

    @negative
    Scenario: "The test command is not supported."
      When I send `AT#XSENDTO=?`
      Then the response is `ERROR`
      And the device is still usable
