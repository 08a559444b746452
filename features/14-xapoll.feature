@XAPOLL
Feature: Asynchronous socket polling #XAPOLL
  "The #XAPOLL command allows you to receive Unsolicited Result Code (URC) notifications for
  events on all opened sockets or for selected sockets that have already been opened."
  The example's test server "sends the data back and closes the connection": in the default
  network map that is test.server.com port 1235 (port 1234 echoes and stays open).
  The absence of a URC is checked after two `AT` round trips: the device flushes its queued
  URCs after each command, so anything queued before them has arrived (steps/urc.steps.ts).
  POLLIN and POLLHUP of that server come as `17`, as in the example, when the close has
  arrived by the time the device reports, else as `1` then `16`; both are accepted.

  Rule: Set command: "The set command allows you to activate or deactivate asynchronous polling for sockets."

    @set @example:XAPOLL-1 @example:XAPOLL-2 @example:XAPOLL-3 @example:XAPOLL-4 @example:XAPOLL-5 @example:XAPOLL-6 @example:XAPOLL-7 @erratum:E15 @erratum:E16 @erratum:E17 @erratum:E18 @erratum:E19
    Scenario: The spec's example: a TCP socket whose server echoes and closes gives POLLOUT, then POLLIN and POLLHUP
      When I send `AT#XAPOLL=1,5`
      Then the response is `OK`
      When I send `AT#XSOCKET=1,1,0`
      Then the response is `#XSOCKET: <handle>,1,6`
      When I send `AT#XCONNECT=<handle>,"test.server.com",1235`
      Then the response is `#XCONNECT: <handle>,1`
      And within 5 seconds the URC `#XAPOLL: <handle>,4` arrives
      # The example's `AT#XSEND=1,"echo"` in the syntax of the spec (E15).
      When I send `AT#XSEND=<handle>,0,0,"echo"`
      Then the response is `#XSEND: <handle>,4`
      And within 5 seconds the URC `#XAPOLL: <handle>,4` arrives
      And within 5 seconds #XAPOLL reports the events 17 for <handle>, in one URC or several
      # The example's `AT#XRECV=1,1` in the syntax of the spec (E16); the header names the mode (E17).
      When I send `AT#XRECV=<handle>,0,0,5`
      Then the response is `#XRECV: <handle>,0,4`
      And the received data is `echo`
      When I send `AT#XCLOSE=<handle>`
      Then the response is `#XCLOSE: <handle>,0`
      # "#XAPOLL: 1,32 (POLLNVAL) is not received here"; no event follows #XCLOSE at all (E18).
      And no `#XAPOLL` URC arrives for <handle>
      # Stop without <events>, as the example does (E19).
      When I send `AT#XAPOLL=0`
      Then the response is `OK`

    @set @example:XAPOLL-4 @example:XAPOLL-5 @erratum:E15 @erratum:E16 @erratum:E17
    Scenario: The example's lines AT#XSEND=1,"echo" and AT#XRECV=1,1 do not fit the syntax #XSEND=<handle>,<mode>,<flags>[,<data>]; the corrected lines work
      Given a TCP socket <handle> is open
      And I send `AT#XCONNECT=<handle>,"test.server.com",1234`
      And the response is `#XCONNECT: <handle>,1`
      When I send `AT#XSEND=<handle>,"echo"`
      Then the response is `#XSEND: <handle>,4`, or as erratum E15 says `ERROR`
      When I send `AT#XRECV=<handle>,1`
      Then the response is
        """
        #XRECV: <handle>,4
        echo
        OK
        or as erratum E16 says:
        ERROR
        """
      When I send `AT#XSEND=<handle>,0,0,"echo"`
      Then the response is `#XSEND: <handle>,4`
      When I send `AT#XRECV=<handle>,0,0,5`
      Then the response is `#XRECV: <handle>,0,4`
      And the received data is `echo`

    @set
    Scenario: "For POLLIN events, the URC notification is sent only for the first incoming data on the socket. AT#XRECV or AT#XRECVFROM command will re-enable the URC notification for the next incoming data."
      Given a TCP socket <handle> is open
      And I send `AT#XCONNECT=<handle>,"test.server.com",1234`
      And the response is `#XCONNECT: <handle>,1`
      When I send `AT#XAPOLL=1,1,<handle>`
      Then the response is `OK`
      When I send `AT#XSEND=<handle>,0,0,"a"`
      Then the response is `#XSEND: <handle>,1`
      And within 5 seconds the URC `#XAPOLL: <handle>,1` arrives
      When I send `AT#XSEND=<handle>,0,0,"b"`
      Then the response is `#XSEND: <handle>,1`
      And the TCP peer received `ab`
      And no `#XAPOLL` URC arrives for <handle>
      When I send `AT#XRECV=<handle>,0,0,5,1`
      Then the response is `#XRECV: <handle>,0,1`
      And the received data is `a`
      And within 5 seconds the URC `#XAPOLL: <handle>,1` arrives

    @set
    Scenario: "For POLLOUT events, the URC notification is sent only for the first time when the socket is ready for writing. AT#XSEND or AT#XSENDTO command will re-enable the URC notification."
      Given a TCP socket <handle> is open
      And I send `AT#XCONNECT=<handle>,"test.server.com",1234`
      And the response is `#XCONNECT: <handle>,1`
      When I send `AT#XAPOLL=1,4,<handle>`
      Then the response is `OK`
      And within 5 seconds the URC `#XAPOLL: <handle>,4` arrives
      And no `#XAPOLL` URC arrives for <handle>
      When I send `AT#XSEND=<handle>,0,0,"Test TCP"`
      Then the response is `#XSEND: <handle>,8`
      And within 5 seconds the URC `#XAPOLL: <handle>,4` arrives

    @set
    Scenario: "For POLLERR, POLLHUP, and POLLNVAL events, the URC notification is sent only once for each socket. No further URC notifications will be sent for the same socket."
      Given a TCP socket <handle> is open
      And I send `AT#XCONNECT=<handle>,"test.server.com",1235`
      And the response is `#XCONNECT: <handle>,1`
      When I send `AT#XAPOLL=1,1,<handle>`
      Then the response is `OK`
      When I send `AT#XSEND=<handle>,0,0,"echo"`
      Then the response is `#XSEND: <handle>,4`
      And within 5 seconds #XAPOLL reports the events 17 for <handle>, in one URC or several
      When I send `AT#XRECV=<handle>,0,0,5`
      Then the response is `#XRECV: <handle>,0,4`
      And the received data is `echo`
      And no `#XAPOLL` URC arrives for <handle>

    @set @erratum:E18
    Scenario: No #XAPOLL URC follows #XCLOSE, not even POLLNVAL
      Given a TCP socket <handle> is open
      And I send `AT#XCONNECT=<handle>,"test.server.com",1234`
      And the response is `#XCONNECT: <handle>,1`
      When I send `AT#XAPOLL=1,4,<handle>`
      Then the response is `OK`
      And within 5 seconds the URC `#XAPOLL: <handle>,4` arrives
      When I send `AT#XCLOSE=<handle>`
      Then the response is `#XCLOSE: <handle>,0`
      And no `#XAPOLL` URC arrives for <handle>

    @set
    Scenario: "If no handles are specified, all open sockets will be polled, including any new sockets that are created after #XAPOLL has been started."
      Given a UDP socket <before> is open
      When I send `AT#XAPOLL=1,4`
      Then the response is `OK`
      And within 5 seconds the URC `#XAPOLL: <before>,4` arrives
      When I open a UDP socket <after>
      Then within 5 seconds the URC `#XAPOLL: <after>,4` arrives

    @set
    Scenario: "Activating asynchronous polling when it is already running, will stop the current polling and start a new one with the new parameters."
      Given a TCP socket <first> is open
      And a TCP socket <second> is open
      When I send `AT#XAPOLL=1,1,<first>`
      Then the response is `OK`
      When I send `AT#XAPOLL=1,4,<second>`
      Then the response is `OK`
      When I send `AT#XAPOLL?`
      Then the response is `#XAPOLL: 1,4,<second>`
      And the response matches the schema

    @set @erratum:E19
    Scenario: "0 - Stop asynchronous polling." needs no <events>, although the syntax shows it as mandatory
      Given a UDP socket <handle> is open
      When I send `AT#XAPOLL=1,4,<handle>`
      Then the response is `OK`
      And within 5 seconds the URC `#XAPOLL: <handle>,4` arrives
      When I send `AT#XAPOLL=0`
      Then the response is `OK`
      When I send `AT#XAPOLL?`
      Then the response is `#XAPOLL: 0,0`
      When I send `AT#XSENDTO=<handle>,0,0,"test.server.com",1234,"Test UDP"`
      Then the response is `#XSENDTO: <handle>,8`
      And no `#XAPOLL` URC arrives for <handle>

    @set @XACCEPT
    Scenario: "The #XAPOLL command is not usable at the same time with the socket AT commands that use poll internally (#XACCEPT)."
      Given a TCP server socket <server> is open
      And I send `AT#XBIND=<server>,1234`
      And the response is `OK`
      And I send `AT#XLISTEN=<server>`
      And the response is `OK`
      When I send `AT#XAPOLL=1,1`
      Then the response is `OK`
      When I send `AT#XACCEPT=<server>,1`
      Then the response is `ERROR`
      And the device is still usable

  Rule: Read command: "The read command allows you to check the status of asynchronous polling."

    @read @example:XAPOLL-8 @example:XAPOLL-9 @example:XAPOLL-10 @erratum:E20 @erratum:E22
    Scenario: The spec's example: the read command lists <running>,<events> and the polled handles
      When I send `AT#XSOCKET=1,1,0`
      Then the response is `#XSOCKET: <handle>,1,6`
      When I send `AT#XAPOLL=1,1`
      Then the response is `OK`
      When I send `AT#XAPOLL?`
      Then the response is `#XAPOLL: 1,1,<handle>`
      And the response matches the schema

    @read @erratum:E20
    Scenario: "0 - Asynchronous polling is not running.": no handles and no trailing comma when stopped
      When I send `AT#XAPOLL?`
      Then the response is `#XAPOLL: 0,0`
      And the response matches the schema

  Rule: Test command: "The test command provides information about the command and its parameters."

    @test @example:XAPOLL-11 @erratum:E21
    Scenario: The spec's example: the test command prints its syntax, angle brackets included
      When I send `AT#XAPOLL=?`
      Then the response is `#XAPOLL: (0,1),\<0,1,4,5>,\<handle1>,\<handle2>,...`
      And the response matches the schema
