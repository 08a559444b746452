# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.
# Rewrite with: node --import tsx tools/write-bad-input-features.ts
@XCLOSE @set @negative
Feature: Close socket #XCLOSE: bad input is refused
  Syntax: AT#XCLOSE[=<handle>]
  Every parameter is tried below and above its domain, missing, empty, with the wrong type
  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.
  Each must get ERROR and leave the device usable: the valid command that follows works.

  Rule: The set command allows you to close a specific socket or all open sockets. A value outside the syntax or a domain gets ERROR.

    Background:
      Given a TCP socket <handle> is open
      And a UDP socket <closed> is open
      And I send `AT#XCLOSE=<closed>`
      And the response is `#XCLOSE: <closed>,0`

    Scenario Outline: AT#XCLOSE[=<handle>] refuses <case>
      When I send `<line>`
      Then the response is `ERROR`
      And the device is still usable
      And I send `AT#XCLOSE=<handle>`
      And the response is `#XCLOSE: <handle>,0`

      Examples:
        | case                                        | line |
        | <handle> as a string "<handle>"             | AT#XCLOSE="<handle>" |
        | <handle> with a leading zero 0<handle>      | AT#XCLOSE=0<handle> |
        | <handle> -1, below its minimum 0            | AT#XCLOSE=-1 |
        | <handle> 2147483647, a handle no socket has | AT#XCLOSE=2147483647 |
        | <handle> of a closed socket                 | AT#XCLOSE=<closed> |
