@XSOCKET
Feature: Socket #XSOCKET
  "The #XSOCKET command allows you to open a socket and to check the socket handle."
  "The application can open up to 8 sockets."

  Handles are the device's own numbers: the spec's examples show 0, 1, 2, 3 because they
  open sockets one after another on an idle device, but the firmware hands out the modem
  library's descriptors, which other SM features share (firmware-notes §3). So every
  scenario captures the handle it is given (`<tcp>`) and reuses it by name.

  @set
  Rule: Set command: "The set command allows you to open a socket."

    @example:XSOCKET-1
    Scenario: "1 - Open a socket for IP protocol family version 4" with "1 - SOCK_STREAM … using the TCP protocol" answers "#XSOCKET: <handle>,<type>,<protocol>" with protocol 6
      When I send `AT#XSOCKET=1,1,0`
      Then the response is `#XSOCKET: <handle>,1,6`
      And the response matches the schema

    @example:XSOCKET-2
    Scenario: "2 - SOCK_DGRAM for the datagram socket type using the UDP protocol" answers protocol "17 - IPPROTO_UDP"
      When I send `AT#XSOCKET=1,2,0`
      Then the response is `#XSOCKET: <handle>,2,17`
      And the response matches the schema

    @example:XSOCKET-3
    Scenario: "2 - Open a socket for IP protocol family version 6" with TCP answers protocol "6 - IPPROTO_TCP"
      When I send `AT#XSOCKET=2,1,0`
      Then the response is `#XSOCKET: <handle>,1,6`
      And the response matches the schema

    @example:XSOCKET-4
    Scenario: "3 - SOCK_RAW for the raw socket type" answers protocol "0 - IPPROTO_IP"
      When I send `AT#XSOCKET=1,3,0`
      Then the response is `#XSOCKET: <handle>,3,0`
      And the response matches the schema

    @example:XSOCKET-1 @example:XSOCKET-2 @example:XSOCKET-3 @example:XSOCKET-4
    Scenario: The spec's four examples in one session each open a socket with a handle of its own
      When I send `AT#XSOCKET=1,1,0`
      Then the response is `#XSOCKET: <tcp>,1,6`
      When I send `AT#XSOCKET=1,2,0`
      Then the response is `#XSOCKET: <udp>,2,17`
      When I send `AT#XSOCKET=2,1,0`
      Then the response is `#XSOCKET: <tcp6>,1,6`
      When I send `AT#XSOCKET=1,3,0`
      Then the response is `#XSOCKET: <raw>,3,0`
      And the handles <tcp>, <udp>, <tcp6> and <raw> are all different
      When I send `AT#XSOCKET?`
      Then the response is
        """
        #XSOCKET: <tcp>,1,0,1,0
        #XSOCKET: <udp>,1,0,2,0
        #XSOCKET: <tcp6>,2,0,1,0
        #XSOCKET: <raw>,3,0,3,0
        OK
        """

    Scenario: "Protocol family is ignored with <type> parameter value 3": an IPv6 raw socket is a packet socket
      When I send `AT#XSOCKET=2,3,0`
      Then the response is `#XSOCKET: <raw>,3,0`
      When I send `AT#XSOCKET?`
      Then the response is `#XSOCKET: <raw>,3,0,3,0`
      And the response matches the schema

    Scenario: "1 - Server": a socket opened in the server role shows role 1
      When I send `AT#XSOCKET=1,1,1`
      Then the response is `#XSOCKET: <server>,1,6`
      When I send `AT#XSOCKET?`
      Then the response is `#XSOCKET: <server>,1,1,1,0`

    Scenario: "<cid> … indicating the used PDN connection. Its default value is 0."
      When I send `AT#XSOCKET=1,2,0,0`
      Then the response is `#XSOCKET: <udp>,2,17`
      When I send `AT#XSOCKET=1,1,0`
      Then the response is `#XSOCKET: <tcp>,1,6`
      When I send `AT#XSOCKET?`
      Then the response is
        """
        #XSOCKET: <udp>,1,0,2,0
        #XSOCKET: <tcp>,1,0,1,0
        OK
        """
      And the response matches the schema

    @erratum:E24
    Scenario: "The <role> parameter can accept one of the following values: 0 - Client. 1 - Server."
      Erratum E24: the firmware stores any role from 0 to 65535 and shows it in the read
      response.
      When I send `AT#XSOCKET=1,1,2`
      Then the response is `ERROR`, or as erratum E24 says `#XSOCKET: <odd>,1,6`
      When I send `AT#XSOCKET?`
      Then the response is
        """
        OK
        or as erratum E24 says:
        #XSOCKET: <odd>,1,2,1,0
        OK
        """
      And the device is still usable

    @erratum:E1 @erratum:E2 @negative
    Scenario: "The application can open up to 8 sockets": one more socket is refused with ERROR, not a negative handle
      Erratum E1: the spec-era firmware's table holds 7 sockets. Erratum E2: a failure is
      ERROR alone; "Negative - The socket failed to open" never appears on the wire.
      Given all 8 sockets the device allows are open, or as erratum E1 says 7
      When I send `AT#XSOCKET=1,1,0`
      Then the response is `ERROR`
      When I send `AT#XSOCKET=2,2,0`
      Then the response is `ERROR`
      And the device is still usable

    @erratum:E1
    Scenario: Closing a socket of a full table makes room for one more
      Given all 8 sockets the device allows are open, or as erratum E1 says 7
      When I send `AT#XCLOSE=<socket-1>`
      Then the response is `#XCLOSE: <socket-1>,0`
      When I send `AT#XSOCKET=1,2,0`
      Then the response is `#XSOCKET: <again>,2,17`
      When I send `AT#XSOCKET=1,2,0`
      Then the response is `ERROR`

  @read
  Rule: Read command: "The read command allows you to check the socket handle."

    @example:XSOCKET-5
    Scenario: "#XSOCKET: <handle>,<family>,<role>,<type>,<cid>" for an open IPv4 TCP client
      Given a TCP socket <handle> is open
      When I send `AT#XSOCKET?`
      Then the response is `#XSOCKET: <handle>,1,0,1,0`
      And the response matches the schema

    Scenario: With no socket open the read command answers OK alone
      When I send `AT#XSOCKET?`
      Then the response is `OK`

    Scenario: "The read command allows you to check the socket handle": secure sockets are #XSSOCKET's, not listed here
      Given a TCP socket <tcp> is open
      And a TLS socket <tls> is open
      And an IPv6 UDP socket <udp6> is open
      And a DTLS socket <dtls> is open
      And a raw socket <raw> is open
      When I send `AT#XSOCKET?`
      Then the response is
        """
        #XSOCKET: <tcp>,1,0,1,0
        #XSOCKET: <udp6>,2,0,2,0
        #XSOCKET: <raw>,3,0,3,0
        OK
        """
      And the response matches the schema

    Scenario: A closed socket is no longer listed
      Given a TCP socket <tcp> is open
      And a UDP socket <udp> is open
      When I send `AT#XCLOSE=<tcp>`
      Then the response is `#XCLOSE: <tcp>,0`
      When I send `AT#XSOCKET?`
      Then the response is `#XSOCKET: <udp>,1,0,2,0`

    @erratum:E3
    Scenario: "The <family> value is present only in the response to a request to open the socket"
      Erratum E3: the reverse is true. The spec's own response syntax and examples agree with
      the firmware: the open response is <handle>,<type>,<protocol> without a family, and the
      read response always carries it. A device that does that follows the spec's syntax.
      When I send `AT#XSOCKET=2,2,0`
      Then the response is `#XSOCKET: <udp6>,2,17`
      And the response matches the schema
      When I send `AT#XSOCKET?`
      Then the response is `#XSOCKET: <udp6>,2,0,2,0`
      And the response matches the schema

  @test
  Rule: Test command: "The test command tests the existence of the command and provides information about the type of its subparameters."

    @example:XSOCKET-6
    Scenario: "#XSOCKET: <handle>,<list of ops>,<list of types>,<list of roles>,<cid>"
      When I send `AT#XSOCKET=?`
      Then the response is `#XSOCKET: \<handle>,(1,2),(1,2,3),(0,1),\<cid>`
      And the response matches the schema
