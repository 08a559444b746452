@XLISTEN
Feature: Set listen mode #XLISTEN
  "The #XLISTEN command allows you to put the TCP socket in listening mode for incoming connections."
  "This command is for TCP servers."

  @set
  Rule: Set command: "The set command allows you to put the TCP socket in listening mode for incoming connections."

    @example:XLISTEN-1
    Scenario: "#XLISTEN=<handle>" answers OK: "There is no response."
      Given a TCP server socket <handle> is open
      And I send `AT#XBIND=<handle>,1234`
      And the response is `OK`
      When I send `AT#XLISTEN=<handle>`
      Then the response is `OK`

    Scenario: "… in listening mode for incoming connections": a client can connect once the socket listens
      Given a TCP server socket <server> is open
      And I send `AT#XBIND=<server>,1234`
      And the response is `OK`
      When I send `AT#XLISTEN=<server>`
      Then the response is `OK`
      And a loopback client connects to the device's server on port 1234

    Scenario: "This command is for TCP servers": a client socket cannot listen
      Given a TCP socket <tcp> is open
      And I send `AT#XBIND=<tcp>,1234`
      And the response is `OK`
      When I send `AT#XLISTEN=<tcp>`
      Then the response is `ERROR`
      And the device is still usable

  @read
  Rule: Read command: "The read command is not supported."

    @negative
    Scenario: "The read command is not supported."
      When I send `AT#XLISTEN?`
      Then the response is `ERROR`
      And the device is still usable

  @test
  Rule: Test command: "The test command is not supported."

    @negative
    Scenario: "The test command is not supported."
      When I send `AT#XLISTEN=?`
      Then the response is `ERROR`
      And the device is still usable
