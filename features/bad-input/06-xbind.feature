# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.
# Rewrite with: node --import tsx tools/write-bad-input-features.ts
@XBIND @set @negative
Feature: Socket binding #XBIND: bad input is refused
  Syntax: AT#XBIND=<handle>,<port>
  Every parameter is tried below and above its domain, missing, empty, with the wrong type
  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.
  Each must get ERROR and leave the device usable: the valid command that follows works.

  Rule: The set command allows you to bind a socket with a local port. A value outside the syntax or a domain gets ERROR.

    Background:
      Given a TCP server socket <handle> is open
      And a UDP socket <closed> is open
      And I send `AT#XCLOSE=<closed>`
      And the response is `#XCLOSE: <closed>,0`

    Scenario Outline: AT#XBIND=<handle>,<port> refuses <case>
      When I send `<line>`
      Then the response is `ERROR`
      And the device is still usable
      And I send `AT#XBIND=<handle>,1234`
      And the response is `OK`

      Examples:
        | case                                        | line |
        | <handle> missing                            | AT#XBIND= |
        | <handle> empty                              | AT#XBIND=,1234 |
        | <handle> as a string "<handle>"             | AT#XBIND="<handle>",1234 |
        | <handle> with a leading zero 0<handle>      | AT#XBIND=0<handle>,1234 |
        | <handle> -1, below its minimum 0            | AT#XBIND=-1,1234 |
        | <handle> 2147483647, a handle no socket has | AT#XBIND=2147483647,1234 |
        | <handle> of a closed socket                 | AT#XBIND=<closed>,1234 |
        | <port> missing                              | AT#XBIND=<handle> |
        | <port> empty                                | AT#XBIND=<handle>, |
        | <port> as a string "1234"                   | AT#XBIND=<handle>,"1234" |
        | <port> with a leading zero 01234            | AT#XBIND=<handle>,01234 |
        | <port> -1, below its minimum 0              | AT#XBIND=<handle>,-1 |
        | <port> 65536, above its maximum 65535       | AT#XBIND=<handle>,65536 |
