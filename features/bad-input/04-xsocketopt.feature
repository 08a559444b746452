# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.
# Rewrite with: node --import tsx tools/write-bad-input-features.ts
@XSOCKETOPT @set @negative
Feature: Socket options #XSOCKETOPT: bad input is refused
  Syntax: AT#XSOCKETOPT=<handle>,<op>,<name>[,<value>]
  Every parameter is tried below and above its domain, missing, empty, with the wrong type
  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.
  Each must get ERROR and leave the device usable: the valid command that follows works.

  Rule: The set command allows you to get and set socket options. A value outside the syntax or a domain gets ERROR.

    Background:
      Given a TCP socket <handle> is open
      And a UDP socket <closed> is open
      And I send `AT#XCLOSE=<closed>`
      And the response is `#XCLOSE: <closed>,0`

    Scenario Outline: AT#XSOCKETOPT=<handle>,<op>,<name>[,<value>] refuses <case>
      When I send `<line>`
      Then the response is `ERROR`
      And the device is still usable
      And I send `AT#XSOCKETOPT=<handle>,0,21`
      And the response is `#XSOCKETOPT: <handle>,30`

      Examples:
        | case                                                               | line |
        | <handle> missing                                                   | AT#XSOCKETOPT= |
        | <handle> empty                                                     | AT#XSOCKETOPT=,1,20,30 |
        | <handle> as a string "<handle>"                                    | AT#XSOCKETOPT="<handle>",1,20,30 |
        | <handle> with a leading zero 0<handle>                             | AT#XSOCKETOPT=0<handle>,1,20,30 |
        | <handle> -1, below its minimum 0                                   | AT#XSOCKETOPT=-1,1,20,30 |
        | <handle> 2147483647, a handle no socket has                        | AT#XSOCKETOPT=2147483647,1,20,30 |
        | <handle> of a closed socket                                        | AT#XSOCKETOPT=<closed>,1,20,30 |
        | <op> missing                                                       | AT#XSOCKETOPT=<handle> |
        | <op> empty                                                         | AT#XSOCKETOPT=<handle>,,20,30 |
        | <op> as a string "1"                                               | AT#XSOCKETOPT=<handle>,"1",20,30 |
        | <op> with a leading zero 01                                        | AT#XSOCKETOPT=<handle>,01,20,30 |
        | <op> -1, below its values 0, 1                                     | AT#XSOCKETOPT=<handle>,-1,20,30 |
        | <op> 2, above its values 0, 1                                      | AT#XSOCKETOPT=<handle>,2,20,30 |
        | <name> missing                                                     | AT#XSOCKETOPT=<handle>,1 |
        | <name> empty                                                       | AT#XSOCKETOPT=<handle>,1,,30 |
        | <name> as a string "20"                                            | AT#XSOCKETOPT=<handle>,1,"20",30 |
        | <name> with a leading zero 020                                     | AT#XSOCKETOPT=<handle>,1,020,30 |
        | <name> 1, below its values 2, 20, 21, 30, 31, 32, 40, 55, 61, 62   | AT#XSOCKETOPT=<handle>,1,1,30 |
        | <name> 3, between its values 2, 20, 21, 30, 31, 32, 40, 55, 61, 62 | AT#XSOCKETOPT=<handle>,1,3,30 |
        | <name> 63, above its values 2, 20, 21, 30, 31, 32, 40, 55, 61, 62  | AT#XSOCKETOPT=<handle>,1,63,30 |
        | <value> empty                                                      | AT#XSOCKETOPT=<handle>,1,20, |
        | <value> as a string "30"                                           | AT#XSOCKETOPT=<handle>,1,20,"30" |
        | <value> with a leading zero 030                                    | AT#XSOCKETOPT=<handle>,1,20,030 |
