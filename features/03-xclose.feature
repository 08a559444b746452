@XCLOSE
Feature: Close socket #XCLOSE
  "The #XCLOSE command allows you to close one or all sockets."

  The spec's examples close sockets 0, 1 and 2: those are the handles an idle device gave
  the sockets it opened first. The scenarios open their sockets the same way and capture
  the handles they were given.

  @set
  Rule: Set command: "The set command allows you to close a specific socket or all open sockets."

    @example:XCLOSE-1
    Scenario: "#XCLOSE: <handle>,<result>": "When 0, the socket closed successfully."
      Given a TCP socket <handle> is open
      When I send `AT#XCLOSE=<handle>`
      Then the response is `#XCLOSE: <handle>,0`
      And the response matches the schema
      When I send `AT#XSOCKET?`
      Then the response is `OK`

    @example:XCLOSE-2
    Scenario: "When closing all sockets (no handle parameter provided), multiple responses will be sent, one for each socket that was closed."
      When I send `AT#XSOCKET=1,1,0`
      Then the response is `#XSOCKET: <first>,1,6`
      When I send `AT#XSOCKET=1,2,0`
      Then the response is `#XSOCKET: <second>,2,17`
      When I send `AT#XSOCKET=2,1,0`
      Then the response is `#XSOCKET: <third>,1,6`
      When I send `AT#XCLOSE`
      Then the response is
        """
        #XCLOSE: <first>,0
        #XCLOSE: <second>,0
        #XCLOSE: <third>,0
        OK
        """
      And the response matches the schema
      When I send `AT#XSOCKET?`
      Then the response is `OK`

    Scenario: "This is the handle value returned from #XSOCKET or #XSSOCKET commands": secure sockets are closed too
      Given a TLS socket <tls> is open
      And a DTLS socket <dtls> is open
      When I send `AT#XCLOSE=<dtls>`
      Then the response is `#XCLOSE: <dtls>,0`
      When I send `AT#XSSOCKET?`
      Then the response is `#XSSOCKET: <tls>,1,0,1,16842753,0`

    Scenario: "If omitted, all open sockets will be closed": secure and non-secure alike
      Given a TCP socket <tcp> is open
      And a TLS socket <tls> is open
      And a raw socket <raw> is open
      When I send `AT#XCLOSE`
      Then the response is
        """
        #XCLOSE: <tcp>,0
        #XCLOSE: <tls>,0
        #XCLOSE: <raw>,0
        OK
        """
      When I send `AT#XSOCKET?`
      Then the response is `OK`
      When I send `AT#XSSOCKET?`
      Then the response is `OK`

    Scenario: "one for each socket that was closed": with no socket open, closing all answers OK alone
      When I send `AT#XCLOSE`
      Then the response is `OK`

    @erratum:E1
    Scenario: Closing all sockets of a full table reports every one of them in the order they were opened
      Given all 8 sockets the device allows are open, or as erratum E1 says 7
      When I send `AT#XCLOSE`
      Then the response is
        """
        #XCLOSE: <socket-1>,0
        #XCLOSE: <socket-2>,0
        #XCLOSE: <socket-3>,0
        #XCLOSE: <socket-4>,0
        #XCLOSE: <socket-5>,0
        #XCLOSE: <socket-6>,0
        #XCLOSE: <socket-7>,0
        #XCLOSE: <socket-8>,0
        OK
        or as erratum E1 says:
        #XCLOSE: <socket-1>,0
        #XCLOSE: <socket-2>,0
        #XCLOSE: <socket-3>,0
        #XCLOSE: <socket-4>,0
        #XCLOSE: <socket-5>,0
        #XCLOSE: <socket-6>,0
        #XCLOSE: <socket-7>,0
        OK
        """
      And the response matches the schema
      When I send `AT#XSOCKET?`
      Then the response is `OK`
      When I send `AT#XSOCKET=1,1,0`
      Then the response is `#XSOCKET: <reopened>,1,6`

    @negative
    Scenario: A closed handle is no longer "the handle value returned from #XSOCKET": closing it again is refused
      Given a UDP socket <udp> is open
      When I send `AT#XCLOSE=<udp>`
      Then the response is `#XCLOSE: <udp>,0`
      When I send `AT#XCLOSE=<udp>`
      Then the response is `ERROR`
      And the device is still usable

    @negative
    Scenario: A handle that no socket has is refused and the open sockets are left alone
      Given a TCP socket <tcp> is open
      When I send `AT#XCLOSE=9`
      Then the response is `ERROR`
      When I send `AT#XSOCKET?`
      Then the response is `#XSOCKET: <tcp>,1,0,1,0`

  @read
  Rule: Read command: "The read command is not supported."

    @negative
    Scenario: "The read command is not supported."
      When I send `AT#XCLOSE?`
      Then the response is `ERROR`
      And the device is still usable

  @test
  Rule: Test command: "The test command is not supported."

    @negative
    Scenario: "The test command is not supported."
      When I send `AT#XCLOSE=?`
      Then the response is `ERROR`
      And the device is still usable
