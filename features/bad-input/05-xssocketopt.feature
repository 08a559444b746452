# Generated from the spec catalogue by src/catalogue/bad-input-features.ts; do not edit.
# Rewrite with: node --import tsx tools/write-bad-input-features.ts
@XSSOCKETOPT @set @negative
Feature: Secure socket options #XSSOCKETOPT: bad input is refused
  Syntax: AT#XSSOCKETOPT=<handle>,<op>,<name>[,<value>]
  Every parameter is tried below and above its domain, missing, empty, with the wrong type
  and with a leading zero (at_parser refuses all of these), and strings too long or malformed.
  Each must get ERROR and leave the device usable: the valid command that follows works.

  Rule: The set command allows you to get and set socket options for secure sockets. A value outside the syntax or a domain gets ERROR.

    Background:
      Given a TLS socket <handle> is open
      And a UDP socket <closed> is open
      And I send `AT#XCLOSE=<closed>`
      And the response is `#XCLOSE: <closed>,0`

    Scenario Outline: AT#XSSOCKETOPT=<handle>,<op>,<name>[,<value>] refuses <case>
      When I send `<line>`
      Then the response is `ERROR`
      And the device is still usable
      And I send `AT#XSSOCKETOPT=<handle>,0,5`
      And the response is `#XSSOCKETOPT: <handle>,2`

      Examples:
        | case                                                     | line |
        | <handle> missing                                         | AT#XSSOCKETOPT= |
        | <handle> empty                                           | AT#XSSOCKETOPT=,1,5,2 |
        | <handle> as a string "<handle>"                          | AT#XSSOCKETOPT="<handle>",1,5,2 |
        | <handle> with a leading zero 0<handle>                   | AT#XSSOCKETOPT=0<handle>,1,5,2 |
        | <handle> -1, below its minimum 0                         | AT#XSSOCKETOPT=-1,1,5,2 |
        | <handle> 2147483647, a handle no socket has              | AT#XSSOCKETOPT=2147483647,1,5,2 |
        | <handle> of a closed socket                              | AT#XSSOCKETOPT=<closed>,1,5,2 |
        | <op> missing                                             | AT#XSSOCKETOPT=<handle> |
        | <op> empty                                               | AT#XSSOCKETOPT=<handle>,,5,2 |
        | <op> as a string "1"                                     | AT#XSSOCKETOPT=<handle>,"1",5,2 |
        | <op> with a leading zero 01                              | AT#XSSOCKETOPT=<handle>,01,5,2 |
        | <op> -1, below its values 0, 1                           | AT#XSSOCKETOPT=<handle>,-1,5,2 |
        | <op> 2, above its values 0, 1                            | AT#XSSOCKETOPT=<handle>,2,5,2 |
        | <name> missing                                           | AT#XSSOCKETOPT=<handle>,1 |
        | <name> empty                                             | AT#XSSOCKETOPT=<handle>,1,,2 |
        | <name> as a string "5"                                   | AT#XSSOCKETOPT=<handle>,1,"5",2 |
        | <name> with a leading zero 05                            | AT#XSSOCKETOPT=<handle>,1,05,2 |
        | <name> 1, below its values 2, 4, 5, 12, 13, 14, 15, 18   | AT#XSSOCKETOPT=<handle>,1,1,2 |
        | <name> 3, between its values 2, 4, 5, 12, 13, 14, 15, 18 | AT#XSSOCKETOPT=<handle>,1,3,2 |
        | <name> 19, above its values 2, 4, 5, 12, 13, 14, 15, 18  | AT#XSSOCKETOPT=<handle>,1,19,2 |
        | <value> empty                                            | AT#XSSOCKETOPT=<handle>,1,5, |
        | <value> as a string "2"                                  | AT#XSSOCKETOPT=<handle>,1,5,"2" |
        | <value> with a leading zero 02                           | AT#XSSOCKETOPT=<handle>,1,5,02 |
