# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.
# Rewrite with: node --import tsx tools/write-bad-input-features.ts
@XLISTEN @set @negative
Feature: Set listen mode #XLISTEN: bad input is refused
  Syntax: AT#XLISTEN=<handle>
  Every parameter is tried below and above its domain, missing, empty, with the wrong type
  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.
  Each must get ERROR and leave the device usable: the valid command that follows works.

  Rule: The set command allows you to put the TCP socket in listening mode for incoming connections. A value outside the syntax or a domain gets ERROR.

    Background:
      Given a TCP server socket <handle> is open
      And I send `AT#XBIND=<handle>,1234`
      And the response is `OK`
      And a UDP socket <closed> is open
      And I send `AT#XCLOSE=<closed>`
      And the response is `#XCLOSE: <closed>,0`

    Scenario Outline: AT#XLISTEN=<handle> refuses <case>
      When I send `<line>`
      Then the response is `ERROR`
      And the device is still usable
      And I send `AT#XLISTEN=<handle>`
      And the response is `OK`

      Examples:
        | case                                        | line |
        | <handle> missing                            | AT#XLISTEN= |
        | <handle> empty                              | AT#XLISTEN= |
        | <handle> as a string "<handle>"             | AT#XLISTEN="<handle>" |
        | <handle> with a leading zero 0<handle>      | AT#XLISTEN=0<handle> |
        | <handle> -1, below its minimum 0            | AT#XLISTEN=-1 |
        | <handle> 2147483647, a handle no socket has | AT#XLISTEN=2147483647 |
        | <handle> of a closed socket                 | AT#XLISTEN=<closed> |
