# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.
# Rewrite with: node --import tsx tools/write-bad-input-features.ts
@XSOCKET @set @negative
Feature: Socket #XSOCKET: bad input is refused
  Syntax: AT#XSOCKET=<op>,<type>,<role>[,<cid>]
  Every parameter is tried below and above its domain, missing, empty, with the wrong type
  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.
  Each must get ERROR and leave the device usable: the valid command that follows works.

  Rule: The set command allows you to open a socket. A value outside the syntax or a domain gets ERROR.

    Scenario Outline: AT#XSOCKET=<op>,<type>,<role>[,<cid>] refuses <case>
      When I send `<line>`
      Then the response is `ERROR`
      And the device is still usable
      And I send `AT#XSOCKET=1,1,0`
      And the response is `#XSOCKET: <opened>,1,6`

      Examples:
        | case                               | line |
        | <op> missing                       | AT#XSOCKET= |
        | <op> empty                         | AT#XSOCKET=,1,0 |
        | <op> as a string "1"               | AT#XSOCKET="1",1,0 |
        | <op> with a leading zero 01        | AT#XSOCKET=01,1,0 |
        | <op> 0, below its values 1, 2      | AT#XSOCKET=0,1,0 |
        | <op> 3, above its values 1, 2      | AT#XSOCKET=3,1,0 |
        | <type> missing                     | AT#XSOCKET=1 |
        | <type> empty                       | AT#XSOCKET=1,,0 |
        | <type> as a string "1"             | AT#XSOCKET=1,"1",0 |
        | <type> with a leading zero 01      | AT#XSOCKET=1,01,0 |
        | <type> 0, below its values 1, 2, 3 | AT#XSOCKET=1,0,0 |
        | <type> 4, above its values 1, 2, 3 | AT#XSOCKET=1,4,0 |
        | <role> missing                     | AT#XSOCKET=1,1 |
        | <role> empty                       | AT#XSOCKET=1,1, |
        | <role> as a string "0"             | AT#XSOCKET=1,1,"0" |
        | <role> with a leading zero 00      | AT#XSOCKET=1,1,00 |
        | <role> -1, below its values 0, 1   | AT#XSOCKET=1,1,-1 |
        | <cid> empty                        | AT#XSOCKET=1,1,0, |
        | <cid> as a string "0"              | AT#XSOCKET=1,1,0,"0" |
        | <cid> with a leading zero 00       | AT#XSOCKET=1,1,0,00 |
        | <cid> -1, below its minimum 0      | AT#XSOCKET=1,1,0,-1 |
        | <cid> 11, above its maximum 10     | AT#XSOCKET=1,1,0,11 |

    @erratum:E24
    Scenario Outline: AT#XSOCKET=<op>,<type>,<role>[,<cid>] refuses <case> (erratum E24: the firmware accepts it)
      When I send `<line>`
      Then the response is `ERROR`, or as erratum E24 says the command is accepted
      And the device is still usable
      And I send `AT#XSOCKET=1,1,0`
      And the response is `#XSOCKET: <opened>,1,6`

      Examples:
        | case                            | line |
        | <role> 2, above its values 0, 1 | AT#XSOCKET=1,1,2 |
