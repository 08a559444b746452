@XSEND
Feature: Send data #XSEND
  "The #XSEND command allows you to send data over TCP and UDP connections."

  Every send is checked on both sides: the device's answer, and what the peer received,
  byte for byte. test.server.com:1234 is a TCP (and a UDP) echo peer.

  @set
  Rule: Set command: "The set command allows you to send data over the connection."

    @example:XSEND-1
    Scenario: "0 - String mode. Data is provided directly in the command"; "#XSEND: <handle>,<size>" is "the actual number of bytes that has been sent"
      Given a TCP socket <handle> is open
      And I send `AT#XCONNECT=<handle>,"test.server.com",1234`
      And the response is `#XCONNECT: <handle>,1`
      When I send `AT#XSEND=<handle>,0,0,"Test TCP"`
      Then the response is `#XSEND: <handle>,8`
      And the response matches the schema
      And the TCP peer received `Test TCP`

    @example:XSEND-2
    Scenario: "1 - Hex string mode. Data is provided as a hexadecimal string"
      Given a TCP socket <handle> is open
      And I send `AT#XCONNECT=<handle>,"test.server.com",1234`
      And the response is `#XCONNECT: <handle>,1`
      When I send `AT#XSEND=<handle>,1,0,"48656C6C6F"`
      Then the response is `#XSEND: <handle>,5`
      And the response matches the schema
      And the TCP peer received `Hello`

    @example:XSEND-3 @erratum:E9 @erratum:E26
    Scenario: "2 - Data mode. SM enters sm_data_mode for data input", with flags "512 - Blocks send operation until the request is acknowledged"
      # Erratum E9: after the terminator the firmware prints `#XDATAMODE: 0`, which the example
      # leaves out (sm_data_mode, which the spec names, documents it). 512 is <flags>, not a size.
      # Erratum E26: SO_SNDTIMEO is 30 s on every new socket, so 512 works without setting it.
      Given a TCP socket <handle> is open
      And I send `AT#XCONNECT=<handle>,"test.server.com",1234`
      And the response is `#XCONNECT: <handle>,1`
      When I send `AT#XSEND=<handle>,2,512`
      Then the response is `OK`
      When I write `Test datamode with flags` in data mode
      And I leave data mode with `+++`
      Then within 5 seconds the URC `#XDATAMODE: 0` arrives
      And the TCP peer received `Test datamode with flags`
      And the device is still usable

    Scenario: "… over TCP and UDP connections": a connected UDP socket sends one datagram per #XSEND
      Given a UDP socket <udp> is open
      And I send `AT#XCONNECT=<udp>,"test.server.com",1234`
      And the response is `#XCONNECT: <udp>,1`
      When I send `AT#XSEND=<udp>,0,0,"Test UDP"`
      Then the response is `#XSEND: <udp>,8`
      And the UDP peer received `Test UDP`
      When I send `AT#XSEND=<udp>,1,0,"48656C6C6F"`
      Then the response is `#XSEND: <udp>,5`
      And the UDP peer received `Hello`

    Scenario: "For hex string mode (1), it is a hexadecimal string representation of the data": any byte, CR LF and "OK" included
      Given a TCP socket <tcp> is open
      And I send `AT#XCONNECT=<tcp>,"test.server.com",1234`
      And the response is `#XCONNECT: <tcp>,1`
      When I send `AT#XSEND=<tcp>,1,0,"0D0A4F4B0D0A00FF"`
      Then the response is `#XSEND: <tcp>,8`
      And the TCP peer received hex `0D0A4F4B0D0A00FF`

    Scenario: "For string mode (0), it is a string that contains the data to be sent": commas are data
      Given a TCP socket <tcp> is open
      And I send `AT#XCONNECT=<tcp>,"test.server.com",1234`
      And the response is `#XCONNECT: <tcp>,1`
      When I send `AT#XSEND=<tcp>,0,0,"a,b,c"`
      Then the response is `#XSEND: <tcp>,5`
      And the TCP peer received `a,b,c`

    @erratum:E26
    Scenario: "512 - … until the timeout given by the AT_SO_SNDTIMEO socket option": every new socket already has one
      # Erratum E26: "Valid timeout values are 1 to 600 seconds" reads as if SO_SNDTIMEO had
      # to be set first; SM gives every new socket 30 s.
      Given a TCP socket <tcp> is open
      And I send `AT#XCONNECT=<tcp>,"test.server.com",1234`
      And the response is `#XCONNECT: <tcp>,1`
      When I send `AT#XSOCKETOPT=<tcp>,0,21`
      Then the response is `#XSOCKETOPT: <tcp>,30`
      When I send `AT#XSEND=<tcp>,0,512,"Test TCP"`
      Then the response is `#XSEND: <tcp>,8`
      And the TCP peer received `Test TCP`

    @erratum:E10
    Scenario: "The maximum payload size in hexadecimal string mode is up to 2800 characters (1400 bytes)": 2800 characters are sent
      Given a TCP socket <tcp> is open
      And I send `AT#XCONNECT=<tcp>,"test.server.com",1234`
      And the response is `#XCONNECT: <tcp>,1`
      And <data> is hex data of 2800 characters
      When I send `AT#XSEND=<tcp>,1,0,"<data>"`
      Then the response is `#XSEND: <tcp>,1400`
      And the TCP peer received hex `<data>`

    @erratum:E10
    Scenario: "… up to 2800 characters (1400 bytes)": 2802 characters are more than the spec allows
      # Erratum E10: the firmware's buffer holds 1401 bytes, so it sends 2802 hex characters.
      Given a TCP socket <tcp> is open
      And I send `AT#XCONNECT=<tcp>,"test.server.com",1234`
      And the response is `#XCONNECT: <tcp>,1`
      And <data> is hex data of 2802 characters
      When I send `AT#XSEND=<tcp>,1,0,"<data>"`
      Then the response is `ERROR`, or as erratum E10 says `#XSEND: <tcp>,1401`
      And the device is still usable

    @erratum:E12
    Scenario: "#XSEND: <handle>,<size>" reports a send: a send that fails gets ERROR
      # Erratum E12: the firmware prints `#XSEND: <handle>,0` before ERROR as well. A UDP
      # socket that is not connected has nowhere to send.
      Given a UDP socket <udp> is open
      When I send `AT#XSEND=<udp>,0,0,"Test UDP"`
      Then the response is
        """
        ERROR
        or as erratum E12 says:
        #XSEND: <udp>,0
        ERROR
        """
      And the device is still usable

    @erratum:E8
    Scenario: A TCP server sends on the connection it accepted; before it accepted one, #XSEND gets ERROR
      Given a TCP server socket <server> is open
      And I send `AT#XBIND=<server>,1234`
      And the response is `OK`
      And I send `AT#XLISTEN=<server>`
      And the response is `OK`
      When I send `AT#XSEND=<server>,0,0,"Test TCP"`
      Then the response is `ERROR`
      Given a loopback client connects to the device's server on port 1234
      And I send `AT#XACCEPT=<server>,5`
      And the response is `#XACCEPT: <server>,"192.168.0.2"`, or as erratum E8 says `#XACCEPT: <accepted>,"192.168.0.2"`
      When I send `AT#XSEND=<server>,0,0,"Test TCP"`
      Then the response is `#XSEND: <server>,8`
      And the loopback client received `Test TCP`

  @read
  Rule: Read command: "The read command is not supported."

    @negative
    Scenario: "The read command is not supported."
      When I send `AT#XSEND?`
      Then the response is `ERROR`
      And the device is still usable

  @test
  Rule: Test command: "The test command is not supported."

    @negative
    Scenario: "The test command is not supported."
      When I send `AT#XSEND=?`
      Then the response is `ERROR`
      And the device is still usable
