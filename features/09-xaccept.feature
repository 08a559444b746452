@XACCEPT
Feature: Accept connection #XACCEPT
  "The #XACCEPT command allows you to accept an incoming connection from a TCP client."
  "This command is for TCP servers."

  The client is a loopback client of the harness; the device sees it as 192.168.0.2, the
  address of the spec's example. Erratum E8: the firmware answers with the descriptor of the
  accepted connection, which is not a handle; #XSEND and #XRECV on the listening handle use
  the accepted connection.

  Background:
    Given a TCP server socket <handle> is open
    And I send `AT#XBIND=<handle>,1234`
    And the response is `OK`
    And I send `AT#XLISTEN=<handle>`
    And the response is `OK`

  @set
  Rule: Set command: "The set command allows you to wait for the TCP client to connect."

    @example:XACCEPT-1 @erratum:E8
    Scenario: "#XACCEPT: <handle>,<ip_addr>" names "the socket handle of the accepted connection" and "the IP address of the peer host"
      Given a loopback client connects to the device's server on port 1234
      When I send `AT#XACCEPT=<handle>,60`
      Then the response is `#XACCEPT: <handle>,"192.168.0.2"`, or as erratum E8 says `#XACCEPT: <accepted>,"192.168.0.2"`
      And the response matches the schema

    @erratum:E8
    Scenario: The accepted connection carries data both ways through the listening handle
      Given a loopback client connects to the device's server on port 1234
      When I send `AT#XACCEPT=<handle>,5`
      Then the response is `#XACCEPT: <handle>,"192.168.0.2"`, or as erratum E8 says `#XACCEPT: <accepted>,"192.168.0.2"`
      When I send `AT#XSEND=<handle>,0,0,"Test TCP"`
      Then the response is `#XSEND: <handle>,8`
      And the loopback client received `Test TCP`
      When the loopback client sends `Test OK`
      And I send `AT#XRECV=<handle>,0,0,5`
      Then the response is `#XRECV: <handle>,0,7`
      And the received data is `Test OK`

    @erratum:E8
    Scenario: "<timeout> … 0 means no timeout, and it makes this request become blocking": it returns when a client connects
      When I send `AT#XACCEPT=<handle>,0` and a loopback client connects to the device's server on port 1234 while it waits
      Then the response is `#XACCEPT: <handle>,"192.168.0.2"`, or as erratum E8 says `#XACCEPT: <accepted>,"192.168.0.2"`

    Scenario: "The <timeout> value sets the timeout value in seconds": no client within 1 second gets ERROR
      When I send `AT#XACCEPT=<handle>,1`
      Then the response is `ERROR`
      And the device is still usable

    @erratum:E8
    Scenario: Closing the server socket closes the accepted connection
      Given a loopback client connects to the device's server on port 1234
      When I send `AT#XACCEPT=<handle>,5`
      Then the response is `#XACCEPT: <handle>,"192.168.0.2"`, or as erratum E8 says `#XACCEPT: <accepted>,"192.168.0.2"`
      When I send `AT#XCLOSE=<handle>`
      Then the response is `#XCLOSE: <handle>,0`
      And the device has closed the loopback client's connection

    Scenario: "This command is for TCP servers": a client socket cannot accept
      Given a TCP socket <tcp> is open
      When I send `AT#XACCEPT=<tcp>,1`
      Then the response is `ERROR`
      And the device is still usable

  @read
  Rule: Read command: "The read command is not supported."

    @negative
    Scenario: "The read command is not supported."
      When I send `AT#XACCEPT?`
      Then the response is `ERROR`
      And the device is still usable

  @test
  Rule: Test command: "The test command is not supported."

    @negative
    Scenario: "The test command is not supported."
      When I send `AT#XACCEPT=?`
      Then the response is `ERROR`
      And the device is still usable
