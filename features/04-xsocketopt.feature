@XSOCKETOPT
Feature: Socket options #XSOCKETOPT
  "The #XSOCKETOPT command allows you to get and set socket options."

  The spec's examples act on socket 0, the first socket an idle device opens; the scenarios
  open that socket themselves and use the handle they were given.

  @set
  Rule: Set command: "The set command allows you to get and set socket options."

    @example:XSOCKETOPT-1
    Scenario: "20 - AT_SO_RCVTIMEO … the receive timeout in seconds" is set with op "1 - Set"
      Given a TCP socket <handle> is open
      When I send `AT#XSOCKETOPT=<handle>,1,20,30`
      Then the response is `OK`

    @example:XSOCKETOPT-1 @example:XSOCKETOPT-2
    Scenario: A receive timeout that was set is read back with op "0 - Get" as "#XSOCKETOPT: <handle>,<value>"
      Given a TCP socket <handle> is open
      When I send `AT#XSOCKETOPT=<handle>,1,20,30`
      Then the response is `OK`
      When I send `AT#XSOCKETOPT=<handle>,0,20`
      Then the response is `#XSOCKETOPT: <handle>,30`
      And the response matches the schema

    Scenario: Each socket keeps its own options
      Given a TCP socket <first> is open
      And a UDP socket <second> is open
      When I send `AT#XSOCKETOPT=<first>,1,20,30`
      Then the response is `OK`
      When I send `AT#XSOCKETOPT=<second>,1,20,7`
      Then the response is `OK`
      When I send `AT#XSOCKETOPT=<first>,0,20`
      Then the response is `#XSOCKETOPT: <first>,30`
      When I send `AT#XSOCKETOPT=<second>,0,20`
      Then the response is `#XSOCKETOPT: <second>,7`

    @erratum:E26
    Scenario: "21 - AT_SO_SNDTIMEO … the send timeout in seconds": a new socket reads 30
      Erratum E26: SM gives every new socket a 30 s send timeout, so #XSEND's flag 512
      works without setting AT_SO_SNDTIMEO first. The spec names no default; reading 30
      is what the firmware that the spec documents does.
      Given a TCP socket <handle> is open
      When I send `AT#XSOCKETOPT=<handle>,0,21`
      Then the response is `#XSOCKETOPT: <handle>,30`
      And the response matches the schema

    Scenario: "21 - AT_SO_SNDTIMEO" set and read back
      Given a UDP socket <handle> is open
      When I send `AT#XSOCKETOPT=<handle>,1,21,60`
      Then the response is `OK`
      When I send `AT#XSOCKETOPT=<handle>,0,21`
      Then the response is `#XSOCKETOPT: <handle>,60`

    Scenario Outline: "<name>" with "<value> … It is 0 for … or 1 for …" is set and read back
      Given a TCP socket <handle> is open
      When I send `AT#XSOCKETOPT=<handle>,1,<option>,1`
      Then the response is `OK`
      When I send `AT#XSOCKETOPT=<handle>,0,<option>`
      Then the response is `#XSOCKETOPT: <handle>,1`
      And the response matches the schema

      Examples:
        | name                            | option |
        | AT_SO_SILENCE_ALL               | 30     |
        | AT_SO_IP_ECHO_REPLY             | 31     |
        | AT_SO_IPV6_ECHO_REPLY           | 32     |
        | AT_SO_IPV6_DELAYED_ADDR_REFRESH | 62     |

    Scenario: "55 - AT_SO_TCP_SRV_SESSTIMEO … from the range 0 to 135" on a TCP server socket
      Given a TCP server socket <server> is open
      When I send `AT#XSOCKETOPT=<server>,1,55,135`
      Then the response is `OK`
      When I send `AT#XSOCKETOPT=<server>,0,55`
      Then the response is `#XSOCKETOPT: <server>,135`

    Scenario Outline: The set-only option "<name>" is set
      Given a <kind> socket <handle> is open
      When I send `AT#XSOCKETOPT=<handle>,1,<option>,<value>`
      Then the response is `OK`

      Examples:
        | name            | kind | option | value |
        | AT_SO_REUSEADDR | TCP  | 2      | 1     |
        | AT_SO_BINDTOPDN | UDP  | 40     | 0     |
        | AT_SO_RAI       | UDP  | 61     | 1     |
        | AT_SO_RAI       | UDP  | 61     | 5     |

    @erratum:E6 @negative
    Scenario Outline: "<name> (set-only)" cannot be read
      Erratum E6: SM does not enforce set-only itself; the modem refuses to read the option,
      so the device answers ERROR as the spec's "set-only" implies.
      Given a TCP socket <handle> is open
      When I send `AT#XSOCKETOPT=<handle>,0,<option>`
      Then the response is `ERROR`
      And the device is still usable

      Examples:
        | name            | option |
        | AT_SO_REUSEADDR | 2      |
        | AT_SO_BINDTOPDN | 40     |
        | AT_SO_RAI       | 61     |

    @erratum:E6
    Scenario: "#XSOCKETOPT=<handle>,<op>,<name>[,<value>]": a set without <value> sets 0
      Erratum E6: "A set without a value sends 0".
      Given a TCP socket <handle> is open
      When I send `AT#XSOCKETOPT=<handle>,1,20,30`
      Then the response is `OK`
      When I send `AT#XSOCKETOPT=<handle>,1,20`
      Then the response is `OK`
      When I send `AT#XSOCKETOPT=<handle>,0,20`
      Then the response is `#XSOCKETOPT: <handle>,0`

    Scenario: "the socket handle returned from #XSOCKET or #XSSOCKET commands": a secure socket has socket options too
      Given a TLS socket <tls> is open
      When I send `AT#XSOCKETOPT=<tls>,1,20,12`
      Then the response is `OK`
      When I send `AT#XSOCKETOPT=<tls>,0,20`
      Then the response is `#XSOCKETOPT: <tls>,12`

    @negative
    Scenario Outline: <case> is refused
      Given a TCP socket <handle> is open
      When I send `<command>`
      Then the response is `ERROR`
      And the device is still usable

      Examples:
        | case                                            | command                       |
        | an option name the spec does not list (3)       | AT#XSOCKETOPT=<handle>,1,3,1  |
        | an option name the spec does not list (99)      | AT#XSOCKETOPT=<handle>,0,99   |
        | an op that is neither "0 - Get" nor "1 - Set"   | AT#XSOCKETOPT=<handle>,2,20,1 |

    @negative
    Scenario: A closed socket has no options
      Given a TCP socket <handle> is open
      When I send `AT#XCLOSE=<handle>`
      Then the response is `#XCLOSE: <handle>,0`
      When I send `AT#XSOCKETOPT=<handle>,0,21`
      Then the response is `ERROR`
      And the device is still usable

  @read
  Rule: Read command: "The read command is not supported."

    @negative
    Scenario: "The read command is not supported."
      When I send `AT#XSOCKETOPT?`
      Then the response is `ERROR`
      And the device is still usable

  @test
  Rule: Test command: "The test command tests the existence of the command and provides information about the type of its subparameters."

    @example:XSOCKETOPT-3
    Scenario: "#XSOCKETOPT: <handle>,<list of ops>,<name>,<value>"
      When I send `AT#XSOCKETOPT=?`
      Then the response is `#XSOCKETOPT: \<handle>,(0,1),\<name>,\<value>`
      And the response matches the schema
