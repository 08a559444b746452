# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.
# Rewrite with: node --import tsx tools/write-bad-input-features.ts
@XAPOLL @set @negative
Feature: Asynchronous socket polling #XAPOLL: bad input is refused
  Syntax: AT#XAPOLL=<op>,<events>[,<handle1>[,<handle2> ...<handle8>]
  Every parameter is tried below and above its domain, missing, empty, with the wrong type
  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.
  Each must get ERROR and leave the device usable: the valid command that follows works.
  Not tried: <handle3>, <handle4>, <handle5>, <handle6>, <handle7>, <handle8>; each is written only after the one before it, which is tried.

  Rule: The set command allows you to activate or deactivate asynchronous polling for sockets. A value outside the syntax or a domain gets ERROR.

    Background:
      Given a TCP socket <handle> is open
      And a UDP socket <closed> is open
      And I send `AT#XCLOSE=<closed>`
      And the response is `#XCLOSE: <closed>,0`

    Scenario Outline: AT#XAPOLL=<op>,<events>[,<handle1>[,<handle2> ...<handle8>] refuses <case>
      When I send `<line>`
      Then the response is `ERROR`
      And the device is still usable
      And I send `AT#XAPOLL=1,5,<handle>`
      And the response is `OK`

      Examples:
        | case                                         | line |
        | <op> missing                                 | AT#XAPOLL= |
        | <op> empty                                   | AT#XAPOLL=,5,<handle> |
        | <op> as a string "1"                         | AT#XAPOLL="1",5,<handle> |
        | <op> with a leading zero 01                  | AT#XAPOLL=01,5,<handle> |
        | <op> -1, below its values 0, 1               | AT#XAPOLL=-1,5,<handle> |
        | <op> 2, above its values 0, 1                | AT#XAPOLL=2,5,<handle> |
        | <events> missing                             | AT#XAPOLL=1 |
        | <events> empty                               | AT#XAPOLL=1,,<handle> |
        | <events> as a string "5"                     | AT#XAPOLL=1,"5",<handle> |
        | <events> with a leading zero 05              | AT#XAPOLL=1,05,<handle> |
        | <events> -1, below its values 0, 1, 4, 5     | AT#XAPOLL=1,-1,<handle> |
        | <events> 2, between its values 0, 1, 4, 5    | AT#XAPOLL=1,2,<handle> |
        | <events> 6, above its values 0, 1, 4, 5      | AT#XAPOLL=1,6,<handle> |
        | <handle1> empty                              | AT#XAPOLL=1,5, |
        | <handle1> as a string "<handle>"             | AT#XAPOLL=1,5,"<handle>" |
        | <handle1> with a leading zero 0<handle>      | AT#XAPOLL=1,5,0<handle> |
        | <handle1> -1, below its minimum 0            | AT#XAPOLL=1,5,-1 |
        | <handle1> 2147483647, a handle no socket has | AT#XAPOLL=1,5,2147483647 |
        | <handle1> of a closed socket                 | AT#XAPOLL=1,5,<closed> |
        | <handle2> empty                              | AT#XAPOLL=1,5,<handle>, |
        | <handle2> -1, below its minimum 0            | AT#XAPOLL=1,5,<handle>,-1 |
        | <handle2> 2147483647, a handle no socket has | AT#XAPOLL=1,5,<handle>,2147483647 |
        | <handle2> of a closed socket                 | AT#XAPOLL=1,5,<handle>,<closed> |
