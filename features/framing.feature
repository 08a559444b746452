@framing
Feature: AT framing and robustness
  How commands and answers are framed on the serial line (firmware-notes §1): a command ends
  with CR (the firmware's default build; a host's CRLF works too), echo follows ATE1/ATE0, a
  command line holds at most 4096 characters, URCs go out between commands only, and the
  SM command names are case-sensitive.

  Rule: Line termination: "CR mode: a CR outside quotes ends the command."

    Scenario: A command ended with CR is answered
      When I send `AT#XSOCKET=1,1,0`
      Then the response is `#XSOCKET: <handle>,1,6`

    Scenario: A command ended with CRLF is answered, and the LF does not spoil the next command
      When I send `AT#XSOCKET=1,1,0` terminated by CRLF
      Then the response is `#XSOCKET: <handle>,1,6`
      When I send `AT#XCLOSE=<handle>` terminated by CRLF
      Then the response is `#XCLOSE: <handle>,0`
      When I send `AT`
      Then the response is `OK`

  Rule: Echo: "ATE1 turns it on, ATE0 turns it off, and both answer OK."

    Scenario: With ATE1 every command comes back before its answer; after ATE0 none does
      When I send `ATE1`
      Then the response is `OK`
      When I send `AT#XSOCKET=1,2,0`
      Then the response is `#XSOCKET: <handle>,2,17`
      And the device echoed the command
      When I send `ATE0`
      Then the response is `OK`
      And the device echoed the command
      When I send `AT#XCLOSE=<handle>`
      Then the response is `#XCLOSE: <handle>,0`
      And the device did not echo the command

  Rule: URCs: "they are flushed … after the current command finishes, so a URC never lands inside a command's response."

    @XAPOLL
    Scenario: #XAPOLL URCs raised while commands are answered come between the answers
      Given a UDP socket <a> is open
      And a UDP socket <b> is open
      And a UDP socket <c> is open
      When I send `AT#XAPOLL=1,4`
      Then the response is `OK`
      And no URC came inside the response
      When I send `AT#XSOCKET?`
      Then the response is
        """
        #XSOCKET: <a>,1,0,2,0
        #XSOCKET: <b>,1,0,2,0
        #XSOCKET: <c>,1,0,2,0
        OK
        """
      And no URC came inside the response
      And within 5 seconds the URC `#XAPOLL: <a>,4` arrives
      And within 5 seconds the URC `#XAPOLL: <b>,4` arrives
      And within 5 seconds the URC `#XAPOLL: <c>,4` arrives

  Rule: Line length: "SM_AT_MAX_CMD_LEN = 4096 characters, excluding the terminator … then the whole line is rejected with ERROR."

    @negative @XSEND
    Scenario: A command line of 4096 characters is taken, one of 4097 is refused with ERROR
      Given a TCP socket <handle> is open
      And I send `AT#XCONNECT=<handle>,"test.server.com",1234`
      And the response is `#XCONNECT: <handle>,1`
      When I send `AT#XSEND=<handle>,0,0,"…"` with … filled to 4096 characters
      Then the response is `#XSEND: <handle>,<sent>`
      When I send `AT#XSEND=<handle>,0,0,"…"` with … filled to 4097 characters
      Then the response is `ERROR`
      And the device is still usable

  Rule: Command syntax: "Anything else … gets ERROR without reaching a handler."

    @negative
    Scenario: SM's command names are case-sensitive: a lowercase command is refused
      When I send `at#xsocket=1,1,0`
      Then the response is `ERROR`
      And the device is still usable

    Scenario: "AT" itself may be written in any case
      When I send `at`
      Then the response is `OK`

    @negative
    Scenario: A space before "=" is refused
      When I send `AT#XSOCKET =1,1,0`
      Then the response is `ERROR`
      And the device is still usable

    @negative
    Scenario: An unknown #X command is refused
      When I send `AT#XNOSUCHCOMMAND=1`
      Then the response is `ERROR`
      And the device is still usable
