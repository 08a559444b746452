@XSSOCKETOPT
Feature: Secure socket options #XSSOCKETOPT
  "The #XSSOCKETOPT command allows you to get and set socket options for secure sockets."

  The spec documents only the set command's answer (OK). What a get prints is not in the
  spec (erratum E6): the firmware prints `#XSSOCKETOPT: <handle>,<value>` with an integer,
  the hostname unquoted, or the cipher suite as 0x<lowercase hex>. The scenarios that read
  options back check that format and are tagged with E6.

  @set
  Rule: Set command: "The set command allows you to get and set socket options for secure sockets."

    @example:XSSOCKETOPT-1
    Scenario: "5 - AT_TLS_PEER_VERIFY … It is 0 for none, 1 for optional or 2 for required"
      Given a TLS socket <handle> is open
      When I send `AT#XSSOCKETOPT=<handle>,1,5,2`
      Then the response is `OK`

    @example:XSSOCKETOPT-1 @erratum:E6
    Scenario Outline: "AT_TLS_PEER_VERIFY" <level> is set and read back
      Given a TLS socket <handle> is open
      When I send `AT#XSSOCKETOPT=<handle>,1,5,<value>`
      Then the response is `OK`
      When I send `AT#XSSOCKETOPT=<handle>,0,5`
      Then the response is `#XSSOCKETOPT: <handle>,<value>`
      And the response matches the schema

      Examples:
        | level    | value |
        | none     | 0     |
        | optional | 1     |
        | required | 2     |

    @erratum:E6
    Scenario: "2 - AT_TLS_HOSTNAME … a string that indicates the hostname to check against during TLS handshakes"
      The firmware reads the hostname back unquoted (erratum E6).
      Given a TLS socket <tls> is open
      When I send `AT#XSSOCKETOPT=<tls>,1,2,"test.server.com"`
      Then the response is `OK`
      When I send `AT#XSSOCKETOPT=<tls>,0,2`
      Then the response is `#XSSOCKETOPT: <tls>,test.server.com`
      And the response matches the schema

    @erratum:E6
    Scenario: "It can be NULL to disable hostname verification"
      Given a TLS socket <tls> is open
      When I send `AT#XSSOCKETOPT=<tls>,1,2,"test.server.com"`
      Then the response is `OK`
      When I send `AT#XSSOCKETOPT=<tls>,1,2,"NULL"`
      Then the response is `OK`
      When I send `AT#XSSOCKETOPT=<tls>,0,2`
      Then the response is `#XSSOCKETOPT: <tls>,`

    @erratum:E6
    Scenario: A DTLS socket takes a hostname too
      Given a DTLS socket <dtls> is open
      When I send `AT#XSSOCKETOPT=<dtls>,1,2,"test.server.com"`
      Then the response is `OK`
      When I send `AT#XSSOCKETOPT=<dtls>,0,2`
      Then the response is `#XSSOCKETOPT: <dtls>,test.server.com`

    @erratum:E6
    Scenario: "12 - AT_TLS_SESSION_CACHE … 0 for disabled or 1 for enabled"
      Given a TLS socket <tls> is open
      When I send `AT#XSSOCKETOPT=<tls>,1,12,1`
      Then the response is `OK`
      When I send `AT#XSSOCKETOPT=<tls>,0,12`
      Then the response is `#XSSOCKETOPT: <tls>,1`
      And the response matches the schema

    Scenario: "13 - AT_TLS_SESSION_CACHE_PURGE (set-only) … <value> can be any integer value"
      Given a TLS socket <tls> is open
      When I send `AT#XSSOCKETOPT=<tls>,1,13,5`
      Then the response is `OK`

    @erratum:E6
    Scenario: "#XSSOCKETOPT=<handle>,<op>,<name>[,<value>]": the session cache is purged without a value
      Erratum E6: the firmware requires <value> for every set, even for 13 PURGE (missing:
      ERROR).
      Given a TLS socket <tls> is open
      When I send `AT#XSSOCKETOPT=<tls>,1,13`
      Then the response is
        """
        OK
        or as erratum E6 says:
        ERROR
        """
      And the device is still usable

    Scenario Outline: "14 - AT_TLS_DTLS_CID (set-only)": "<setting>" is set on a DTLS socket
      Given a DTLS socket <dtls> is open
      When I send `AT#XSSOCKETOPT=<dtls>,1,14,<value>`
      Then the response is `OK`

      Examples:
        | setting                 | value |
        | TLS_DTLS_CID_DISABLED   | 0     |
        | TLS_DTLS_CID_SUPPORTED  | 1     |
        | TLS_DTLS_CID_ENABLED    | 2     |

    @erratum:E6
    Scenario Outline: "18 - AT_TLS_DTLS_HANDSHAKE_TIMEO … one of the following values: 1, 3, 7, 15, 31, 63, 123": <value> s
      Given a DTLS socket <dtls> is open
      When I send `AT#XSSOCKETOPT=<dtls>,1,18,<value>`
      Then the response is `OK`
      When I send `AT#XSSOCKETOPT=<dtls>,0,18`
      Then the response is `#XSSOCKETOPT: <dtls>,<value>`

      Examples:
        | value |
        | 1     |
        | 3     |
        | 7     |
        | 15    |
        | 31    |
        | 63    |
        | 123   |

    @negative
    Scenario: "4 - AT_TLS_CIPHERSUITE_USED (get-only). The TLS cipher suite chosen during the TLS handshake": it cannot be set
      Given a TLS socket <tls> is open
      When I send `AT#XSSOCKETOPT=<tls>,1,4,1`
      Then the response is `ERROR`
      And the device is still usable

    @negative
    Scenario: "4 - AT_TLS_CIPHERSUITE_USED … chosen during the TLS handshake": before any handshake there is none to read
      Given a TLS socket <tls> is open
      When I send `AT#XSSOCKETOPT=<tls>,0,4`
      Then the response is `ERROR`
      And the device is still usable

    @negative
    Scenario: "15 - AT_TLS_DTLS_CID_STATUS (get-only) … It can be retrieved after the DTLS handshake": not before it
      Given a DTLS socket <dtls> is open
      When I send `AT#XSSOCKETOPT=<dtls>,0,15`
      Then the response is `ERROR`
      And the device is still usable

    @negative
    Scenario: "the socket handle returned from #XSSOCKET command": a non-secure socket has no secure options
      Given a TCP socket <tcp> is open
      When I send `AT#XSSOCKETOPT=<tcp>,1,5,2`
      Then the response is `ERROR`
      When I send `AT#XSSOCKETOPT=<tcp>,0,5`
      Then the response is `ERROR`
      And the device is still usable

    @negative
    Scenario Outline: <case> is refused
      Given a TLS socket <handle> is open
      When I send `<command>`
      Then the response is `ERROR`
      And the device is still usable

      Examples:
        | case                                          | command                        |
        | an option name the spec does not list (3)     | AT#XSSOCKETOPT=<handle>,1,3,1  |
        | an option name the spec does not list (99)    | AT#XSSOCKETOPT=<handle>,0,99   |
        | an op that is neither "0 - Get" nor "1 - Set" | AT#XSSOCKETOPT=<handle>,2,5,2  |
        | a peer verification level beyond "2"          | AT#XSSOCKETOPT=<handle>,1,5,3  |

  @read
  Rule: Read command: "The read command is not supported."

    @negative
    Scenario: "The read command is not supported."
      When I send `AT#XSSOCKETOPT?`
      Then the response is `ERROR`
      And the device is still usable

  @test
  Rule: Test command: "The test command tests the existence of the command and provides information about the type of its subparameters."

    @example:XSSOCKETOPT-2
    Scenario: "#XSSOCKETOPT: <handle>,<list of ops>,<name>,<value>"
      When I send `AT#XSSOCKETOPT=?`
      Then the response is `#XSSOCKETOPT: \<handle>,(0,1),\<name>,\<value>`
      And the response matches the schema
