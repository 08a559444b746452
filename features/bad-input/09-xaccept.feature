# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.
# Rewrite with: node --import tsx tools/write-bad-input-features.ts
@XACCEPT @set @negative
Feature: Accept connection #XACCEPT: bad input is refused
  Syntax: AT#XACCEPT=<handle>,<timeout>
  Every parameter is tried below and above its domain, missing, empty, with the wrong type
  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.
  Each must get ERROR and leave the device usable: the valid command that follows works.
  Not tried outside its domain: <timeout>; a timeout of 0 or below makes accept() wait for a client with no limit (firmware-notes §4).

  Rule: The set command allows you to wait for the TCP client to connect. A value outside the syntax or a domain gets ERROR.

    Background:
      Given a TCP server socket <handle> is open
      And I send `AT#XBIND=<handle>,1234`
      And the response is `OK`
      And I send `AT#XLISTEN=<handle>`
      And the response is `OK`
      And a UDP socket <closed> is open
      And I send `AT#XCLOSE=<closed>`
      And the response is `#XCLOSE: <closed>,0`

    Scenario Outline: AT#XACCEPT=<handle>,<timeout> refuses <case>
      When I send `<line>`
      Then the response is `ERROR`
      And the device is still usable
      And I send `AT#XSOCKETOPT=<handle>,0,21`
      And the response is `#XSOCKETOPT: <handle>,30`

      Examples:
        | case                                        | line |
        | <handle> missing                            | AT#XACCEPT= |
        | <handle> empty                              | AT#XACCEPT=,1 |
        | <handle> as a string "<handle>"             | AT#XACCEPT="<handle>",1 |
        | <handle> with a leading zero 0<handle>      | AT#XACCEPT=0<handle>,1 |
        | <handle> -1, below its minimum 0            | AT#XACCEPT=-1,1 |
        | <handle> 2147483647, a handle no socket has | AT#XACCEPT=2147483647,1 |
        | <handle> of a closed socket                 | AT#XACCEPT=<closed>,1 |
        | <timeout> missing                           | AT#XACCEPT=<handle> |
        | <timeout> empty                             | AT#XACCEPT=<handle>, |
        | <timeout> as a string "1"                   | AT#XACCEPT=<handle>,"1" |
        | <timeout> with a leading zero 01            | AT#XACCEPT=<handle>,01 |
