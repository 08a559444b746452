@XSSOCKET
Feature: Secure socket #XSSOCKET
  "The #XSSOCKET command allows you to open a secure socket and to check the socket handle."

  The spec's examples use sec_tag 16842753; no credential is needed to open a socket
  ("The credential should be stored on the modem side beforehand": it is used only by the
  handshake). Handles are captured, never assumed (see 01-xsocket.feature).

  @set
  Rule: Set command: "The set command allows you to open a secure socket."

    @example:XSSOCKET-1
    Scenario: "1 - SOCK_STREAM for the stream socket type using the TLS 1.2 protocol" answers "258 - IPPROTO_TLS_1_2"
      When I send `AT#XSSOCKET=1,1,0,16842753,2`
      Then the response is `#XSSOCKET: <handle>,1,258`
      And the response matches the schema

    @example:XSSOCKET-2
    Scenario: "2 - SOCK_DGRAM for the datagram socket type using the DTLS 1.2 protocol" answers "273 - IPPROTO_DTLS_1_2"
      When I send `AT#XSSOCKET=1,2,0,16842753`
      Then the response is `#XSSOCKET: <handle>,2,273`
      And the response matches the schema

    @example:XSSOCKET-1 @example:XSSOCKET-2
    Scenario: The spec's two examples in one session open two secure sockets with handles of their own
      When I send `AT#XSSOCKET=1,1,0,16842753,2`
      Then the response is `#XSSOCKET: <tls>,1,258`
      When I send `AT#XSSOCKET=1,2,0,16842753`
      Then the response is `#XSSOCKET: <dtls>,2,273`
      And the handles <tls> and <dtls> are all different

    Scenario: "2 - Open a socket for IP protocol family version 6" opens IPv6 TLS and DTLS sockets
      When I send `AT#XSSOCKET=2,1,0,16842753`
      Then the response is `#XSSOCKET: <tls6>,1,258`
      When I send `AT#XSSOCKET=2,2,0,16842753`
      Then the response is `#XSSOCKET: <dtls6>,2,273`
      When I send `AT#XSSOCKET?`
      Then the response is
        """
        #XSSOCKET: <tls6>,2,0,1,16842753,0
        #XSSOCKET: <dtls6>,2,0,2,16842753,0
        OK
        """
      And the response matches the schema

    Scenario: "<peer_verify> … 2 - Required (default for client role)"
      When I send `AT#XSSOCKET=1,1,0,16842753`
      Then the response is `#XSSOCKET: <client>,1,258`
      When I send `AT#XSSOCKETOPT=<client>,0,5`
      Then the response is `#XSSOCKETOPT: <client>,2`

    @erratum:E4
    Scenario: "<peer_verify> … 0 - None (default for server role)"
      Opening a server-role secure socket touches erratum E4 (its sec_tag is still needed).
      When I send `AT#XSSOCKET=1,1,1,16842753`
      Then the response is `#XSSOCKET: <server>,1,258`
      When I send `AT#XSSOCKETOPT=<server>,0,5`
      Then the response is `#XSSOCKETOPT: <server>,0`

    Scenario: An explicit "<peer_verify>" is applied: "1 - Optional"
      When I send `AT#XSSOCKET=1,1,0,16842753,1`
      Then the response is `#XSSOCKET: <tls>,1,258`
      When I send `AT#XSSOCKETOPT=<tls>,0,5`
      Then the response is `#XSSOCKETOPT: <tls>,1`

    Scenario: "<cid> … indicating the used PDN connection. Its default value is 0."
      When I send `AT#XSSOCKET=1,2,0,16842753,2,0`
      Then the response is `#XSSOCKET: <dtls>,2,273`
      When I send `AT#XSSOCKET?`
      Then the response is `#XSSOCKET: <dtls>,1,0,2,16842753,0`

    @erratum:E4 @negative
    Scenario: "Note that when <role> has a value of 1, <sec_tag> is not supported"
      Erratum E4: the syntax makes <sec_tag> mandatory and the firmware requires it for the
      server role too (missing: ERROR), and accepts role 1 although "TLS and DTLS servers are
      currently not supported". A device that does so follows the spec's syntax.
      When I send `AT#XSSOCKET=1,1,1`
      Then the response is `ERROR`
      And the device is still usable
      When I send `AT#XSSOCKET=1,1,1,16842753`
      Then the response is `#XSSOCKET: <server>,1,258`
      When I send `AT#XSSOCKET?`
      Then the response is `#XSSOCKET: <server>,1,1,1,16842753,0`

    @erratum:E1 @erratum:E2 @negative
    Scenario: "The application can open up to 8 sockets": secure sockets count too, and a refused one gets ERROR, not a negative handle
      Erratum E1: the spec-era firmware's table holds 7 sockets. Erratum E2: a failure is
      ERROR alone.
      Given all 8 sockets the device allows are open, or as erratum E1 says 7
      When I send `AT#XSSOCKET=1,1,0,16842753`
      Then the response is `ERROR`
      When I send `AT#XSSOCKET=1,2,0,16842753`
      Then the response is `ERROR`
      And the device is still usable

  @read
  Rule: Read command: "The read command allows you to check the secure socket handle."

    @example:XSSOCKET-3
    Scenario: "#XSSOCKET: <handle>,<family>,<role>,<type>,<sec_tag>,<cid>" for the spec's TLS client
      When I send `AT#XSSOCKET=1,1,0,16842753,2`
      Then the response is `#XSSOCKET: <handle>,1,258`
      When I send `AT#XSSOCKET?`
      Then the response is `#XSSOCKET: <handle>,1,0,1,16842753,0`
      And the response matches the schema

    Scenario: With no secure socket open the read command answers OK alone
      Given a TCP socket <tcp> is open
      When I send `AT#XSSOCKET?`
      Then the response is `OK`

    Scenario: "The read command allows you to check the secure socket handle": only secure sockets are listed
      Given a TCP socket <tcp> is open
      And a TLS socket <tls> is open
      And a UDP socket <udp> is open
      And an IPv6 DTLS socket <dtls6> is open
      When I send `AT#XSSOCKET?`
      Then the response is
        """
        #XSSOCKET: <tls>,1,0,1,16842753,0
        #XSSOCKET: <dtls6>,2,0,2,16842753,0
        OK
        """
      And the response matches the schema

  @test
  Rule: Test command: "The test command tests the existence of the command and provides information about the type of its subparameters."

    @example:XSSOCKET-4
    Scenario: "#XSSOCKET: <handle>,<list of ops>,<list of types>,<list of roles>,<sec_tag>,<peer_verify>,<cid>"
      When I send `AT#XSSOCKET=?`
      Then the response is `#XSSOCKET: \<handle>,(1,2),(1,2),(0,1),\<sec_tag>,\<peer_verify>,\<cid>`
      And the response matches the schema
